/**
 * Kafka for the services' own clients: the client settings from the connector's configuration keys,
 * and one long-lived admin connection. Uses kafka-clients; no other platform package.
 */
package dev.outboxref.platform.kafka;

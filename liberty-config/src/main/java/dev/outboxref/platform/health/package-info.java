/**
 * The readiness and startup checks every service has: its database, the Kafka broker, the schema
 * version. Uses {@code db} and {@code kafka}.
 */
package dev.outboxref.platform.health;

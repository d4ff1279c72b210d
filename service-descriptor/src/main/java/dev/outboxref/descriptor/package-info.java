/**
 * Owns the identity of each service (module, server, application, database, ports) as one enum,
 * {@link dev.outboxref.descriptor.Service}, and the Kafka topic between the services, {@link
 * dev.outboxref.descriptor.Topics}. Depends on nothing but the JDK, so every tool module may use
 * it.
 */
package dev.outboxref.descriptor;

/**
 * The transactional outbox: events appended in the caller's transaction, and the relay that
 * publishes them to Kafka in order per user, at least once (its decisions in the plain {@code
 * RelayBatch}). May use {@code domain} (to build the events) and the platform's {@code retry}; no
 * HTTP, and nothing but {@code application} uses it.
 */
package dev.outboxref.user.outbox;

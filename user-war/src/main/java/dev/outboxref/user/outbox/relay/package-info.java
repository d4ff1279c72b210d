/**
 * The outbox relay: publishes what {@code outbox} wrote to Kafka, in order per user, at least once.
 * {@code OutboxRelay} is its loop, publishing only while this instance leads ({@code
 * RelayLeadership}); {@code RelayPipeline}, {@code InFlight} and {@code RelayBatch} make its
 * decisions in plain Java; {@code OutboxStore} reads and marks the table with JDBC ({@code
 * PendingEvent}), {@code KafkaPublisher} sends ({@code SendTracing} traces the send); {@code
 * RelayStatus}, {@code RelayMetrics}, {@code RelayHealthCheck} and {@code OutboxBacklog} show it.
 *
 * <p>May use {@code outbox} (the trace context stored with an event, {@code AppendListener}, which
 * {@code OutboxRelay} implements) and the platform's {@code retry}; no HTTP, and nothing uses it:
 * the beans are public for CDI and MicroProfile Metrics and Health, their methods package-private
 * where they are only called here.
 */
package dev.outboxref.user.outbox.relay;

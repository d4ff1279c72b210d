/**
 * The Kafka consumer that feeds the replica from topic {@code user-events}: its lifecycle ({@code
 * UserEventConsumer}), one consumer's poll loop ({@code ConsumerLoop}) and its decisions, plain
 * Java and unit-tested: where each partition goes on ({@code ConsumerPositions}), what a poll batch
 * does ({@code BatchPlan}), how it is applied or parked ({@code BatchApplier}) and what a failure
 * means ({@code FailureKind}); and how the loop is watched: progress, health, tracing and metrics
 * ({@code ConsumerProgress}, {@code ConsumerWatchdog}, {@code ConsumerHealth}, {@code
 * ConsumerTracing}, {@code ConsumerMetrics}). Uses {@code replica} (its batch store, offsets,
 * decoder and change) and the platform's {@code kafka} and {@code retry}; {@code parking} uses its
 * metrics (a replay counts as an applied or stale event). No HTTP.
 */
package dev.outboxref.post.replica.consumer;

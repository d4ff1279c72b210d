/**
 * The Kafka loop that feeds the replica from topic {@code user-events} ({@code UserEventConsumer})
 * and its decisions, plain Java and unit-tested: where each partition goes on ({@code
 * ConsumerPositions}), what a poll batch does ({@code BatchPlan}, {@code UserEventDecoder}), how it
 * is applied or parked ({@code BatchApplier}) and what a failure means ({@code FailureKind}); and
 * how the loop is watched: progress, health, tracing and metrics ({@code ConsumerProgress}, {@code
 * ConsumerWatchdog}, {@code ConsumerHealth}, {@code ConsumerTracing}, {@code ConsumerMetrics}).
 * Uses {@code replica} (its batch store and change), the events' protobuf types and the platform's
 * {@code kafka}, {@code retry} and {@code text}; {@code parking} uses its decoder and metrics. No
 * HTTP.
 */
package dev.outboxref.post.replica.consumer;

/**
 * The parking lot of poison events: the events the consumer could never apply ({@code ParkedEvent},
 * written in the consumer's batch transaction), listed and discarded ({@code ParkedEvents}),
 * replayed after a fix ({@code ParkedEventReplay}), and counted at {@code /metrics} ({@code
 * ParkedEventsGauge}). Uses {@code replica} (its decoder, writer and change) and {@code
 * replica.consumer} (the metrics a replay counts in); used by {@code admin}. No HTTP.
 */
package dev.outboxref.post.replica.parking;

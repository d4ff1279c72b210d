package dev.outboxref.user.outbox.relay;

import dev.outboxref.user.outbox.TraceContext;
import java.time.Instant;
import java.util.UUID;

/**
 * An unpublished row of the outbox as the relay reads it: what a record needs, read with plain JDBC
 * (no entity is built, managed or dirty-checked for a row that is only sent and marked).
 *
 * @param committedAt when its transaction committed (PostgreSQL's commit timestamp), or occurredAt
 *     where the database does not record commit times
 */
record PendingEvent(
    Long id,
    UUID eventId,
    UUID aggregateId,
    long aggregateVersion,
    String eventType,
    byte[] payload,
    TraceContext trace,
    Instant occurredAt,
    Instant committedAt)
    implements RelayBatch.Event {}

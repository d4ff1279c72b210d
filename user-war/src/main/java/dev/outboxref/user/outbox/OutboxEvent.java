package dev.outboxref.user.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One row of the outbox as {@link Outbox} writes it: an event waiting to be (or already) published
 * to Kafka. Written only; the relay reads and marks the rows with plain JDBC ({@link
 * PendingEvent}).
 */
@Entity
@Table(name = "outbox")
public class OutboxEvent {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "event_id", nullable = false)
  private UUID eventId;

  @Column(name = "aggregate_id", nullable = false)
  private UUID aggregateId;

  @Column(name = "aggregate_version", nullable = false)
  private long aggregateVersion;

  @Column(name = "event_type", nullable = false)
  private String eventType;

  @Column(nullable = false)
  private byte[] payload;

  private String traceparent;

  private String tracestate;

  @Column(name = "occurred_at", nullable = false)
  private OffsetDateTime occurredAt;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "last_error")
  private String lastError;

  protected OutboxEvent() {}

  OutboxEvent(
      UUID eventId,
      UUID aggregateId,
      long aggregateVersion,
      String eventType,
      byte[] payload,
      TraceContext trace,
      Instant occurredAt) {
    this.eventId = eventId;
    this.aggregateId = aggregateId;
    this.aggregateVersion = aggregateVersion;
    this.eventType = eventType;
    this.payload = payload;
    this.traceparent = trace.traceparent();
    this.tracestate = trace.tracestate();
    this.occurredAt = utc(occurredAt);
  }

  /**
   * JPA 3.1 maps OffsetDateTime (not Instant) to timestamptz; the API of this class speaks Instant.
   */
  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}

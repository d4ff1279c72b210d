package dev.outboxref.post.replica.parking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A record the consumer parked instead of applying: raw bytes, headers and the reason. */
@Entity
@Table(name = "parked_events")
public class ParkedEvent {

  @Id private long id;

  @Column(nullable = false)
  private String topic;

  @Column(name = "kafka_partition", nullable = false)
  private int partition;

  @Column(name = "kafka_offset", nullable = false)
  private long offset;

  @Column(name = "record_key")
  private String key;

  private byte[] payload;

  @Column(nullable = false)
  private String headers;

  @Column(nullable = false)
  private String reason;

  @Column(name = "parked_at", nullable = false)
  private OffsetDateTime parkedAt;

  protected ParkedEvent() {}

  public long id() {
    return id;
  }

  public String topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  public long offset() {
    return offset;
  }

  public String key() {
    return key;
  }

  public byte[] payload() {
    return payload;
  }

  /** The record's headers as {@code name=value} lines (values as UTF-8 text). */
  public String headers() {
    return headers;
  }

  public String reason() {
    return reason;
  }

  public Instant parkedAt() {
    return parkedAt.toInstant();
  }
}

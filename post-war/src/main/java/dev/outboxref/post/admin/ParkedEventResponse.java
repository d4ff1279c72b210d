package dev.outboxref.post.admin;

import dev.outboxref.post.replica.parking.ParkedEvent;
import java.time.Instant;

/**
 * A parked event as the admin API shows it: the payload only as its {@link PayloadShape} (size,
 * hash, field numbers and sizes), never its values, which may be personal data.
 */
public record ParkedEventResponse(
    long id,
    String topic,
    int partition,
    long offset,
    String key,
    String headers,
    PayloadShape payload,
    String reason,
    Instant parkedAt) {

  static ParkedEventResponse of(ParkedEvent event) {
    return new ParkedEventResponse(
        event.id(),
        event.topic(),
        event.partition(),
        event.offset(),
        event.key(),
        event.headers(),
        PayloadShape.of(event.payload()),
        event.reason(),
        event.parkedAt());
  }
}

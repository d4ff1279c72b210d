package dev.outboxref.post.admin;

import dev.outboxref.post.replica.ParkedEvent;
import java.time.Instant;
import java.util.Base64;

/** A parked event as the admin API shows it; the raw value is base64. */
public record ParkedEventResponse(
    long id,
    String topic,
    int partition,
    long offset,
    String key,
    String headers,
    String payloadBase64,
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
        event.payload() == null ? null : Base64.getEncoder().encodeToString(event.payload()),
        event.reason(),
        event.parkedAt());
  }
}

package dev.outboxref.post.replica.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class SourceCommitTimeTest {

  private static ConsumerRecord<String, byte[]> record(String header) {
    ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("user-events", 0, 0, "k", null);
    if (header != null) {
      record.headers().add(SourceCommitTime.HEADER, header.getBytes(StandardCharsets.UTF_8));
    }
    return record;
  }

  @Test
  void readsTheRelaysStamp() {
    assertEquals(
        Optional.of(Instant.parse("2026-12-05T13:00:00.123456Z")),
        SourceCommitTime.of(record("2026-12-05T13:00:00.123456Z")));
  }

  @Test
  void aRecordWithoutOrWithAnUnreadableStampHasNone() {
    assertEquals(Optional.empty(), SourceCommitTime.of(record(null)));
    assertEquals(Optional.empty(), SourceCommitTime.of(record("yesterday")));
  }

  @Test
  void freshnessIsNeverNegative() {
    Instant t = Instant.parse("2026-12-05T13:00:00Z");
    assertEquals(Duration.ofMillis(250), SourceCommitTime.freshness(t, t.plusMillis(250)));
    assertEquals(Duration.ZERO, SourceCommitTime.freshness(t, t.minusMillis(5)));
  }
}

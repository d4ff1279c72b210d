package dev.outboxref.post.replica.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The source's commit time a record carries (header {@code source-committed-at}, stamped by the
 * user service's relay: PostgreSQL's commit timestamp of the outbox row, ISO-8601), from which the
 * replica's freshness is measured: source commit to replica commit.
 */
final class SourceCommitTime {

  static final String HEADER = "source-committed-at";

  /** The freshness objective: a change visible in the replica within this of its commit. */
  public static final Duration OBJECTIVE = Duration.ofSeconds(1);

  private SourceCommitTime() {}

  /**
   * The record's source commit time; empty if it has none (an older relay) or an unreadable one.
   */
  public static Optional<Instant> of(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader(HEADER);
    if (header == null || header.value() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(new String(header.value(), StandardCharsets.UTF_8)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** From the source commit to {@code visible}, never negative (the two clocks may differ). */
  static Duration freshness(Instant committed, Instant visible) {
    Duration d = Duration.between(committed, visible);
    return d.isNegative() ? Duration.ZERO : d;
  }
}

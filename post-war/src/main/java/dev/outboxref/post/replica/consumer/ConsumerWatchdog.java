package dev.outboxref.post.replica.consumer;

import dev.outboxref.platform.kafka.KafkaConnection;
import dev.outboxref.post.replica.ReplicaOffsets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Tells whether the replica consumer is stuck: records wait for this instance (the broker's end
 * offsets beyond the positions stored in postdb, for the partitions it owns), the broker and the
 * database both answer, and yet the consumer has made no progress for longer than a bound. Both
 * numbers come from outside the consumer thread, so a dead or wedged thread cannot hide.
 */
@ApplicationScoped
public class ConsumerWatchdog {

  @Inject ConsumerProgress progress;
  @Inject ReplicaOffsets offsets;
  @Inject KafkaConnection kafka;

  /** The verdict on what was observed; pure, so the rule is unit-tested. */
  static boolean stalled(
      long lag,
      boolean brokerReachable,
      boolean databaseReachable,
      Duration sinceProgress,
      Duration bound) {
    return lag > 0 && brokerReachable && databaseReachable && sinceProgress.compareTo(bound) > 0;
  }

  /** The health check response named {@code name}: DOWN if stalled for longer than the bound. */
  HealthCheckResponse check(String name, Duration bound) {
    Set<TopicPartition> assigned = progress.assignment();
    Map<TopicPartition, Long> ends = null;
    Map<TopicPartition, Long> stored = null;
    String brokerError = null;
    String databaseError = null;
    try {
      ends = assigned.isEmpty() ? Map.of() : kafka.endOffsets(assigned);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      brokerError = FailureKind.rootMessage(e);
    }
    try {
      stored = assigned.isEmpty() ? Map.of() : offsets.storedPositions(assigned);
    } catch (Exception e) {
      databaseError = FailureKind.rootMessage(e);
    }
    Map<Integer, Long> lagByPartition = new TreeMap<>();
    long lag = 0;
    if (ends != null && stored != null) {
      for (TopicPartition tp : assigned) {
        long behind = Math.max(0, ends.getOrDefault(tp, 0L) - stored.getOrDefault(tp, 0L));
        lagByPartition.put(tp.partition(), behind);
        lag += behind;
      }
    }
    Duration sinceProgress = Duration.between(progress.lastProgress(), Instant.now());
    boolean stalled =
        stalled(lag, brokerError == null, databaseError == null, sinceProgress, bound);
    Instant lastApplied = progress.lastApplied();
    var response =
        HealthCheckResponse.named(name)
            .status(!stalled)
            .withData("stalled", stalled)
            .withData("boundSeconds", bound.toSeconds())
            .withData("partitions", assigned.size())
            .withData("lag", lag)
            .withData(
                "lagByPartition",
                lagByPartition.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(",")))
            .withData("sinceProgressMs", sinceProgress.toMillis())
            .withData(
                "lastAppliedAgeMs",
                lastApplied == null ? -1 : Duration.between(lastApplied, Instant.now()).toMillis())
            .withData("brokerReachable", brokerError == null)
            .withData("databaseReachable", databaseError == null);
    String failure = firstNonNull(brokerError, databaseError, progress.lastFailure());
    if (failure != null) {
      response.withData("error", failure.length() > 300 ? failure.substring(0, 300) : failure);
    }
    return response.build();
  }

  private static String firstNonNull(String... values) {
    for (String value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}

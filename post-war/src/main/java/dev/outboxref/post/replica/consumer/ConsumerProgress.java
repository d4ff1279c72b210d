package dev.outboxref.post.replica.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * What the consumer thread last did, for the health checks and metrics that run on other threads:
 * its partitions, its own view of their lag, and when it last made progress (committed a batch, or
 * found nothing waiting). A wedged or dead consumer thread stops updating it, which is how the
 * watchdog sees it.
 */
@ApplicationScoped
public class ConsumerProgress {

  private volatile Set<TopicPartition> assignment = Set.of();
  private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
  private volatile Instant lastProgress = Instant.now();
  private volatile Instant lastApplied;
  private volatile String lastFailure;

  void assigned(Set<TopicPartition> partitions) {
    assignment = Set.copyOf(partitions);
    lag.keySet().retainAll(partitions);
  }

  void lag(TopicPartition partition, long records) {
    lag.put(partition, records);
  }

  /** A batch committed. */
  void applied() {
    Instant now = Instant.now();
    lastApplied = now;
    lastProgress = now;
    lastFailure = null;
  }

  /** The consumer polled and nothing was waiting for it. */
  void caughtUp() {
    lastProgress = Instant.now();
  }

  void failed(String reason) {
    lastFailure = reason;
  }

  Set<TopicPartition> assignment() {
    return assignment;
  }

  /** The consumer's own view of a partition's lag (records), -1 if it has none yet. */
  long lag(TopicPartition partition) {
    return lag.getOrDefault(partition, -1L);
  }

  Instant lastProgress() {
    return lastProgress;
  }

  /** When a batch last committed; null if none since start. */
  Instant lastApplied() {
    return lastApplied;
  }

  String lastFailure() {
    return lastFailure;
  }
}

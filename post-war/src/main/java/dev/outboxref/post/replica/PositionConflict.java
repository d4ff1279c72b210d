package dev.outboxref.post.replica;

import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The stored position of a partition was not the one this instance expected: another instance
 * applied records of it since (this one lost the partition in a rebalance it has not seen yet). The
 * batch's transaction is rolled back, so a zombie consumer never writes.
 */
public class PositionConflict extends RuntimeException {

  private final transient Set<TopicPartition> partitions;

  public PositionConflict(Set<TopicPartition> partitions) {
    super(
        "The stored position of " + partitions + " moved: another consumer owns it now",
        null,
        false,
        false);
    this.partitions = Set.copyOf(partitions);
  }

  public Set<TopicPartition> partitions() {
    return partitions;
  }
}

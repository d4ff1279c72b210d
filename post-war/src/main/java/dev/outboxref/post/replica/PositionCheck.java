package dev.outboxref.post.replica;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Moves each partition's stored position from where this consumer expects it to the batch's next
 * offset, and decides which partitions are a conflict: one this consumer holds no position for (it
 * was revoked or never positioned), and one whose stored position is no longer the expected one
 * (another consumer moved it). Plain Java over one compare-and-set per partition, so the decision
 * is unit-tested without a database.
 */
final class PositionCheck {

  /** Sets the stored position to {@code to} only if it is {@code from}; true if it did. */
  interface CompareAndSet {
    boolean move(TopicPartition partition, long from, long to) throws SQLException;
  }

  private PositionCheck() {}

  /**
   * Moves every position or reports the conflicts: a partition without an expected position
   * conflicts before anything is moved; the others are all tried and their conflicts reported
   * together (the caller rolls the moves back).
   *
   * @throws PositionConflict naming the partitions in conflict
   */
  static void moveAll(
      Map<TopicPartition, Long> nextOffsets,
      Map<TopicPartition, Long> expected,
      CompareAndSet positions)
      throws SQLException {
    Set<TopicPartition> moved = new HashSet<>();
    for (Map.Entry<TopicPartition, Long> next : nextOffsets.entrySet()) {
      TopicPartition tp = next.getKey();
      Long from = expected.get(tp);
      if (from == null) {
        throw new PositionConflict(Set.of(tp));
      }
      if (!positions.move(tp, from, next.getValue())) {
        moved.add(tp);
      }
    }
    if (!moved.isEmpty()) {
      throw new PositionConflict(moved);
    }
  }
}

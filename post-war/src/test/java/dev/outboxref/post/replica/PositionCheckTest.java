package dev.outboxref.post.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which stored positions make a batch a conflict, and which let it move them. */
class PositionCheckTest {

  private static final TopicPartition P0 = new TopicPartition("user-events", 0);
  private static final TopicPartition P1 = new TopicPartition("user-events", 1);

  /**
   * replica_offsets: a position moves only from the value the batch expects (the UPDATE's WHERE).
   */
  private final Map<TopicPartition, Long> stored = new HashMap<>();

  private boolean compareAndSet(TopicPartition tp, long from, long to) {
    Long now = stored.get(tp);
    if (now == null || now != from) {
      return false;
    }
    stored.put(tp, to);
    return true;
  }

  @Test
  void storedPositionsAsExpectedMoveToTheNextOffsets() throws Exception {
    stored.putAll(Map.of(P0, 10L, P1, 20L));

    PositionCheck.moveAll(Map.of(P0, 15L, P1, 21L), Map.of(P0, 10L, P1, 20L), this::compareAndSet);

    assertEquals(Map.of(P0, 15L, P1, 21L), stored);
  }

  @Test
  void positionsOfPartitionsNotInTheBatchAreNotChecked() throws Exception {
    stored.putAll(Map.of(P0, 10L, P1, 99L));

    PositionCheck.moveAll(Map.of(P0, 15L), Map.of(P0, 10L, P1, 20L), this::compareAndSet);

    assertEquals(Map.of(P0, 15L, P1, 99L), stored);
  }

  @Test
  void aPositionAnotherConsumerMovedIsAConflict() {
    stored.putAll(Map.of(P0, 10L, P1, 25L));

    PositionConflict conflict =
        assertThrows(
            PositionConflict.class,
            () ->
                PositionCheck.moveAll(
                    Map.of(P0, 15L, P1, 21L), Map.of(P0, 10L, P1, 20L), this::compareAndSet));

    assertEquals(Set.of(P1), conflict.partitions());
  }

  @Test
  void aPositionMovedBackIsAConflictToo() {
    stored.put(P0, 5L);

    PositionConflict conflict =
        assertThrows(
            PositionConflict.class,
            () -> PositionCheck.moveAll(Map.of(P0, 15L), Map.of(P0, 10L), this::compareAndSet));

    assertEquals(Set.of(P0), conflict.partitions());
  }

  @Test
  void aPartitionWithoutAStoredPositionIsAConflict() {
    PositionConflict conflict =
        assertThrows(
            PositionConflict.class,
            () -> PositionCheck.moveAll(Map.of(P0, 15L), Map.of(P0, 10L), this::compareAndSet));

    assertEquals(Set.of(P0), conflict.partitions());
  }

  @Test
  void aPartitionThisConsumerHasNoPositionForIsAConflictBeforeAnythingMoves() {
    stored.put(P0, 10L);

    PositionConflict conflict =
        assertThrows(
            PositionConflict.class,
            () -> PositionCheck.moveAll(Map.of(P0, 15L), Map.of(), this::compareAndSet));

    assertEquals(Set.of(P0), conflict.partitions());
    assertEquals(Map.of(P0, 10L), stored);
  }

  @Test
  void everyConflictOfTheBatchIsReportedTogether() {
    stored.putAll(Map.of(P0, 11L, P1, 21L));

    PositionConflict conflict =
        assertThrows(
            PositionConflict.class,
            () ->
                PositionCheck.moveAll(
                    Map.of(P0, 15L, P1, 25L), Map.of(P0, 10L, P1, 20L), this::compareAndSet));

    assertEquals(Set.of(P0, P1), conflict.partitions());
  }
}

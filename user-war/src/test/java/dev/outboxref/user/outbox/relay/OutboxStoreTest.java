package dev.outboxref.user.outbox.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ids in flight as the multirange the relay's read leaves out. */
class OutboxStoreTest {

  @Test
  void noIdsAreAnEmptyMultirange() {
    assertEquals("{}", OutboxStore.runs(Set.of()));
  }

  @Test
  void consecutiveIdsMakeOneRunAndAGapStartsAnother() {
    Set<Long> ids = new LinkedHashSet<>(List.of(9L, 4L, 3L, 5L, 12L, 11L));
    assertEquals("{[3,5],[9,9],[11,12]}", OutboxStore.runs(ids));
  }

  @Test
  void aRunLeavesOutNoIdThatIsNotInFlight() {
    // 6 is missing: a row committed late there must still be read
    assertEquals("{[1,5],[7,8]}", OutboxStore.runs(Set.of(1L, 2L, 3L, 4L, 5L, 7L, 8L)));
  }
}

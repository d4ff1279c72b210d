package dev.outboxref.post.verification;

import static dev.outboxref.post.verification.Divergence.Action.APPLY;
import static dev.outboxref.post.verification.Divergence.Action.NONE;
import static dev.outboxref.post.verification.Divergence.Action.TOMBSTONE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outboxref.post.verification.Divergence.State;
import org.junit.jupiter.api.Test;

class DivergenceTest {

  private static State live(long version, String name) {
    return new State(version, false, name, "nick");
  }

  private static State deleted(long version) {
    return new State(version, true, null, null);
  }

  @Test
  void anOlderOrMissingRowTakesTheSourcesState() {
    assertEquals(APPLY, Divergence.of(live(3, "Ada"), live(2, "Ada")));
    assertEquals(APPLY, Divergence.of(live(3, "Ada"), null));
    assertEquals(APPLY, Divergence.of(deleted(4), live(3, "Ada")));
  }

  @Test
  void aRowChangedByHandAtTheSameVersionTakesTheSourcesState() {
    assertEquals(APPLY, Divergence.of(live(3, "Ada"), live(3, "Eve")));
    assertEquals(APPLY, Divergence.of(live(3, "Ada"), deleted(3)));
  }

  @Test
  void aNewerRowIsTheLiveStreamsAndStays() {
    assertEquals(NONE, Divergence.of(live(3, "Ada"), live(4, "Eve")));
    assertEquals(NONE, Divergence.of(live(3, "Ada"), deleted(4)));
  }

  @Test
  void aLiveRowOfAUserTheSourceNeverHadBecomesATombstone() {
    assertEquals(TOMBSTONE, Divergence.of(null, live(1, "Ghost")));
    assertEquals(NONE, Divergence.of(null, deleted(1)));
    assertEquals(NONE, Divergence.of(null, null));
  }

  @Test
  void equalStatesAndAnAbsentTombstoneNeedNothing() {
    assertEquals(NONE, Divergence.of(live(3, "Ada"), live(3, "Ada")));
    assertEquals(NONE, Divergence.of(deleted(3), null));
  }
}

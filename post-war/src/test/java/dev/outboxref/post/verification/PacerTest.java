package dev.outboxref.post.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PacerTest {

  @Test
  void aTenthOfTheTimeMeansNineTimesTheStepAsPause() {
    Pacer pacer = new Pacer(0.1, () -> 0);
    assertEquals(900_000_000L, pacer.pauseAfter(100_000_000L), 1);
  }

  @Test
  void anIdleWaitIsNotAStepToPaceBy() {
    long[] now = {0};
    Pacer pacer = new Pacer(0.5, () -> now[0]);
    now[0] = 1_000_000L; // a 1 ms step
    pacer.idle(1);
    now[0] += 2_000_000L; // then a 2 ms step: paced by 2 ms, not by the wait before it
    pacer.run();
    assertEquals(2_000_001L, pacer.pausedNanos());
  }

  @Test
  void allOfTheTimeMeansNoPause() {
    assertEquals(0, new Pacer(1.0, () -> 0).pauseAfter(100_000_000L));
  }

  @Test
  void aShareOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Pacer(0, () -> 0));
    assertThrows(IllegalArgumentException.class, () -> new Pacer(1.5, () -> 0));
  }
}

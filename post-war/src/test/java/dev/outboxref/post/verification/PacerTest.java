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
  void allOfTheTimeMeansNoPause() {
    assertEquals(0, new Pacer(1.0, () -> 0).pauseAfter(100_000_000L));
  }

  @Test
  void aShareOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Pacer(0, () -> 0));
    assertThrows(IllegalArgumentException.class, () -> new Pacer(1.5, () -> 0));
  }
}

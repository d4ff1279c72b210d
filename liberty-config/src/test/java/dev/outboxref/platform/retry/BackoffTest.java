package dev.outboxref.platform.retry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The pause between retries of a transient failure. */
class BackoffTest {

  @Test
  void growsToTheCapAndStartsOverAfterASuccess() {
    Backoff backoff = new Backoff(100, 1000);
    long first = backoff.next();
    assertTrue(first >= 50 && first <= 100, "first " + first);
    long second = backoff.next();
    assertTrue(second >= 100 && second <= 200, "second " + second);
    for (int i = 0; i < 10; i++) {
      backoff.next();
    }
    long capped = backoff.next();
    assertTrue(capped >= 500 && capped <= 1000, "capped " + capped);
    backoff.reset();
    long again = backoff.next();
    assertTrue(again >= 50 && again <= 100, "after reset " + again);
  }
}

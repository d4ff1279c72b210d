package it.dev.outboxref;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition by polling it until a deadline: never a fixed sleep. */
final class Poll {

  private Poll() {}

  /** Polls until the supplier's value satisfies the check; fails with the last value seen. */
  static <T> T until(
      String what, Duration timeout, Supplier<T> supplier, java.util.function.Predicate<T> check) {
    long end = System.nanoTime() + timeout.toNanos();
    T last = null;
    while (System.nanoTime() < end) {
      last = supplier.get();
      if (check.test(last)) {
        return last;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError(
        "Not within " + timeout.toSeconds() + " s: " + what + "; last seen: " + last);
  }
}

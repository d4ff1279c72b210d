package it.dev.outboxref.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition by polling it until a deadline: never a fixed sleep. */
public final class Poll {

  private Poll() {}

  /** Polls until the supplier's value satisfies the check; fails with the last value seen. */
  public static <T> T until(
      String what, Duration timeout, Supplier<T> supplier, java.util.function.Predicate<T> check) {
    return until(what, timeout, Duration.ofMillis(200), supplier, check);
  }

  /** The same with a chosen pause between polls, for conditions that pass quickly. */
  public static <T> T until(
      String what,
      Duration timeout,
      Duration pause,
      Supplier<T> supplier,
      java.util.function.Predicate<T> check) {
    long end = System.nanoTime() + timeout.toNanos();
    T last = null;
    while (System.nanoTime() < end) {
      last = supplier.get();
      if (check.test(last)) {
        return last;
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError(
        "Not within " + timeout.toSeconds() + " s: " + what + "; last seen: " + last);
  }
}

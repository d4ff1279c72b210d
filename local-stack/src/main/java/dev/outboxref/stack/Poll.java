package dev.outboxref.stack;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way this project waits: polls a condition until it holds or the deadline passes, never a
 * fixed sleep. On timeout it throws {@link IllegalStateException} naming what was awaited (and the
 * last value seen); whatever the condition throws ends the wait at once.
 */
public final class Poll {

  /** The pause between two polls unless the caller chooses one. */
  public static final Duration DEFAULT_PAUSE = Duration.ofMillis(200);

  private Poll() {}

  /** Polls until the condition is true. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    until(what, timeout, DEFAULT_PAUSE, condition::getAsBoolean, holds -> holds);
  }

  /** Polls until the supplier's value satisfies the check, and returns that value. */
  public static <T> T until(
      String what, Duration timeout, Supplier<T> supplier, Predicate<? super T> check) {
    return until(what, timeout, DEFAULT_PAUSE, supplier, check);
  }

  /**
   * The same with a chosen pause between polls: short for conditions that pass quickly, zero for a
   * supplier that blocks by itself (e.g. a Kafka consumer's poll).
   */
  public static <T> T until(
      String what,
      Duration timeout,
      Duration pause,
      Supplier<T> supplier,
      Predicate<? super T> check) {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      T last = supplier.get();
      if (check.test(last)) {
        return last;
      }
      if (System.nanoTime() - end > 0) {
        throw new IllegalStateException(
            "Timed out after "
                + timeout.toSeconds()
                + " s waiting for "
                + what
                + (last instanceof Boolean ? "" : "; last seen: " + last));
      }
      if (!pause.isZero()) {
        try {
          Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for " + what, e);
        }
      }
    }
  }
}

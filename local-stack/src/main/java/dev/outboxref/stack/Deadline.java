package dev.outboxref.stack;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or the deadline passes: the only way this code waits. */
final class Deadline {

  private Deadline() {}

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long end = System.nanoTime() + timeout.toNanos();
    long pauseMs = 50;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException(
            "Timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(pauseMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + what, e);
      }
      pauseMs = Math.min(pauseMs * 2, 500);
    }
  }
}

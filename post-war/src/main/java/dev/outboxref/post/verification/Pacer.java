package dev.outboxref.post.verification;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Keeps a pass to a share of the time: after each step that took d, it pauses d × (1 − share) /
 * share, so with a share of 0.1 the pass works at most one tenth of the time and the database and
 * the user service see a tenth of the load they could take.
 */
final class Pacer implements Runnable {

  private final double share;
  private final LongSupplier nanoTime;
  private long stepStart;
  private long pausedNanos;

  Pacer(double share, LongSupplier nanoTime) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be in (0, 1], got " + share);
    }
    this.share = share;
    this.nanoTime = nanoTime;
    this.stepStart = nanoTime.getAsLong();
  }

  /** The pause after a step of {@code stepNanos}. */
  long pauseAfter(long stepNanos) {
    return (long) (stepNanos * (1 - share) / share);
  }

  /** Ends a step: pauses in proportion to it and starts the next. */
  @Override
  public void run() {
    long pause = pauseAfter(nanoTime.getAsLong() - stepStart);
    if (pause > 0) {
      pause(pause);
      pausedNanos += pause;
    }
    stepStart = nanoTime.getAsLong();
  }

  /** Waits {@code nanos} outside any step (the grace period): it is not work to pace by. */
  void idle(long nanos) {
    pause(nanos);
    pausedNanos += nanos;
    stepStart = nanoTime.getAsLong();
  }

  /** Pauses the calling thread for {@code nanos} (parkNanos may return early). */
  static void pause(long nanos) {
    long until = System.nanoTime() + nanos;
    for (long left = nanos; left > 0; left = until - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  long pausedNanos() {
    return pausedNanos;
  }
}

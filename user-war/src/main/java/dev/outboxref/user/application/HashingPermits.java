package dev.outboxref.user.application;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * At most so many password hashes at once, each waiting at most so long for its turn (then {@link
 * UserRefusal#hashingBusy}). Turns are given in order of arrival.
 */
public final class HashingPermits {

  private final Semaphore permits;
  private final Duration maxWait;

  public HashingPermits(int permits, Duration maxWait) {
    if (permits < 1) {
      throw new IllegalArgumentException("at least one permit, got " + permits);
    }
    this.permits = new Semaphore(permits, true);
    this.maxWait = maxWait;
  }

  /** Half the available cores, at least one: the rest stay for the other requests. */
  public static int halfTheCores() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  public <T> T run(Supplier<T> hashing) {
    try {
      if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw UserRefusal.hashingBusy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw UserRefusal.hashingBusy();
    }
    try {
      return hashing.get();
    } finally {
      permits.release();
    }
  }
}

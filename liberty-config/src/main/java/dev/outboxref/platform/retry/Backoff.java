package dev.outboxref.platform.retry;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between retries of a transient failure: the first wait is about
 * {@code initialMs}, each next one about twice as long, never more than {@code maxMs}; {@link
 * #reset} after a success. The jitter keeps instances that failed together from retrying together.
 * Not thread-safe: each retry loop holds its own.
 */
public final class Backoff {

  private final long initialMs;
  private final long maxMs;
  private long current;

  public Backoff(long initialMs, long maxMs) {
    this.initialMs = Math.max(1, initialMs);
    this.maxMs = Math.max(this.initialMs, maxMs);
    this.current = this.initialMs;
  }

  /** The next wait in milliseconds: between half and all of the current step, then doubles it. */
  public long next() {
    long step = current;
    current = Math.min(maxMs, current * 2);
    return step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
  }

  public void reset() {
    current = initialMs;
  }
}

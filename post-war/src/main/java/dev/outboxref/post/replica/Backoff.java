package dev.outboxref.post.replica;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between retries of a transient failure: the first wait is about
 * {@code initialMs}, each next one about twice as long, never more than {@code maxMs}; {@link
 * #reset} after a success.
 */
final class Backoff {

  private final long initialMs;
  private final long maxMs;
  private long current;

  Backoff(long initialMs, long maxMs) {
    this.initialMs = Math.max(1, initialMs);
    this.maxMs = Math.max(this.initialMs, maxMs);
    this.current = this.initialMs;
  }

  /** The next wait in milliseconds: between half and all of the current step, then doubles it. */
  long next() {
    long step = current;
    current = Math.min(maxMs, current * 2);
    return step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
  }

  void reset() {
    current = initialMs;
  }
}

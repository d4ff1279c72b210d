package dev.outboxref.user.application;

import java.time.Duration;

/**
 * How long an account waits between sign-in attempts, whoever makes them: the first {@code
 * freeAttempts} failures are free, then each attempt waits {@code base} doubled for every failure
 * beyond them, at most {@code max}. An attacker guessing from many addresses gets one guess per
 * {@code max} at worst; the owner waits at most {@code max} for a turn, and is never locked out.
 */
public record AccountDelay(int freeAttempts, Duration base, Duration max) {

  public AccountDelay {
    if (freeAttempts < 1 || base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException(
          "need freeAttempts >= 1 and 0 < base <= max, got "
              + freeAttempts
              + ", "
              + base
              + ", "
              + max);
    }
  }

  /** The wait after {@code failures} failed (or still running) attempts, before the next one. */
  public Duration after(int failures) {
    if (failures < freeAttempts) {
      return Duration.ZERO;
    }
    int doublings = failures - freeAttempts;
    if (doublings >= 62) {
      return max;
    }
    long millis = base.toMillis();
    long delayed = millis > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : millis << doublings;
    Duration delay = Duration.ofMillis(delayed);
    return delay.compareTo(max) > 0 ? max : delay;
  }

  /**
   * The waits in seconds (rounded up) after 0, 1, 2, ... failures, up to the first that reaches
   * {@code max}: every count beyond the last waits as long as the last. This is the table the
   * database's atomic check reads.
   */
  public int[] secondsTable() {
    int length = freeAttempts + 1;
    while (after(length - 1).compareTo(max) < 0) {
      length++;
    }
    int[] table = new int[length];
    for (int failures = 0; failures < length; failures++) {
      table[failures] = (int) seconds(after(failures));
    }
    return table;
  }

  /**
   * Seconds the next attempt must still wait, {@code elapsed} after the last one, or 0 if it may go
   * now.
   */
  public long retryAfterSeconds(int failures, Duration elapsed) {
    Duration left = after(failures).minus(elapsed);
    return left.isNegative() || left.isZero() ? 0 : Math.max(1, seconds(left));
  }

  private static long seconds(Duration d) {
    return (d.toMillis() + 999) / 1000;
  }
}

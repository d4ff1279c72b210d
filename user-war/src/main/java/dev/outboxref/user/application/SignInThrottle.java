package dev.outboxref.user.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per key (an email, a client address) in fixed windows, and says how long a
 * key that reached its limit must wait. In memory, per instance: with n instances an attacker gets
 * at most n times the limit, which still makes guessing a password by trying hopeless.
 */
public final class SignInThrottle {

  /** Beyond this many keys, the expired windows are dropped before a new key is counted. */
  private static final int PURGE_ABOVE = 10_000;

  private record Window(Instant start, int failures) {}

  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final Duration window;
  private final Clock clock;

  public SignInThrottle(Duration window, Clock clock) {
    this.window = window;
    this.clock = clock;
  }

  /**
   * Seconds until {@code key} may try again, or empty if it has fewer than {@code limit} failures.
   */
  public Optional<Long> retryAfter(String key, int limit) {
    Instant now = clock.instant();
    Window current = windows.get(key);
    if (current == null || expired(current, now) || current.failures() < limit) {
      return Optional.empty();
    }
    long seconds = Duration.between(now, current.start().plus(window)).toSeconds();
    return Optional.of(Math.max(1, seconds + 1));
  }

  public void recordFailure(String key) {
    Instant now = clock.instant();
    if (windows.size() > PURGE_ABOVE) {
      windows.values().removeIf(w -> expired(w, now));
    }
    windows.compute(
        key,
        (k, w) ->
            w == null || expired(w, now)
                ? new Window(now, 1)
                : new Window(w.start(), w.failures() + 1));
  }

  public void reset(String key) {
    windows.remove(key);
  }

  private boolean expired(Window w, Instant now) {
    return !now.isBefore(w.start().plus(window));
  }
}

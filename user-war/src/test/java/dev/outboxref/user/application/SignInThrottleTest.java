package dev.outboxref.user.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

  private Instant now = Instant.parse("2026-12-02T10:00:00Z");

  private final SignInThrottle throttle =
      new SignInThrottle(
          Duration.ofMinutes(15),
          new Clock() {
            @Override
            public ZoneOffset getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return now;
            }
          });

  @Test
  void aKeyIsLimitedOnlyOnceItHasReachedTheLimit() {
    for (int i = 0; i < 4; i++) {
      throttle.recordFailure("email:a");
      assertEquals(Optional.empty(), throttle.retryAfter("email:a", 5));
    }
    throttle.recordFailure("email:a");
    assertEquals(Optional.of(901L), throttle.retryAfter("email:a", 5));
    assertEquals(Optional.empty(), throttle.retryAfter("email:b", 5), "other keys are not");
  }

  @Test
  void theLimitEndsWithItsWindowAndRetryAfterCountsDown() {
    for (int i = 0; i < 5; i++) {
      throttle.recordFailure("k");
    }
    now = now.plus(Duration.ofMinutes(10));
    long retryAfter = throttle.retryAfter("k", 5).orElseThrow();
    assertTrue(retryAfter > 290 && retryAfter <= 301, "about 5 minutes left: " + retryAfter);
    now = now.plus(Duration.ofMinutes(5));
    assertEquals(Optional.empty(), throttle.retryAfter("k", 5));
    throttle.recordFailure("k");
    assertEquals(Optional.empty(), throttle.retryAfter("k", 2), "a new window starts at one");
  }

  @Test
  void aResetForgetsTheFailures() {
    for (int i = 0; i < 5; i++) {
      throttle.recordFailure("k");
    }
    throttle.reset("k");
    assertEquals(Optional.empty(), throttle.retryAfter("k", 5));
  }
}

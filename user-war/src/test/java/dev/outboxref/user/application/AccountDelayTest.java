package dev.outboxref.user.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccountDelayTest {

  private final AccountDelay delay =
      new AccountDelay(5, Duration.ofSeconds(1), Duration.ofSeconds(60));

  @Test
  void theFirstFailuresAreFreeThenTheDelayDoublesUpToTheCap() {
    for (int failures = 0; failures < 5; failures++) {
      assertEquals(Duration.ZERO, delay.after(failures));
    }
    assertEquals(Duration.ofSeconds(1), delay.after(5));
    assertEquals(Duration.ofSeconds(2), delay.after(6));
    assertEquals(Duration.ofSeconds(32), delay.after(10));
    assertEquals(Duration.ofSeconds(60), delay.after(11));
    assertEquals(Duration.ofSeconds(60), delay.after(1_000));
    assertEquals(Duration.ofSeconds(60), delay.after(Integer.MAX_VALUE));
  }

  @Test
  void theTableEndsAtTheFirstCappedWait() {
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60}, delay.secondsTable());
    assertArrayEquals(
        new int[] {0, 5},
        new AccountDelay(1, Duration.ofSeconds(5), Duration.ofSeconds(5)).secondsTable());
  }

  @Test
  void theWaitLeftCountsFromTheLastAttemptAndIsAtLeastASecond() {
    assertEquals(0, delay.retryAfterSeconds(4, Duration.ZERO));
    assertEquals(8, delay.retryAfterSeconds(8, Duration.ZERO));
    assertEquals(3, delay.retryAfterSeconds(8, Duration.ofMillis(5_500)));
    assertEquals(1, delay.retryAfterSeconds(8, Duration.ofMillis(7_999)));
    assertEquals(0, delay.retryAfterSeconds(8, Duration.ofSeconds(8)));
    assertEquals(60, delay.retryAfterSeconds(50, Duration.ZERO));
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new AccountDelay(0, Duration.ofSeconds(1), Duration.ofSeconds(60)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AccountDelay(5, Duration.ofSeconds(10), Duration.ofSeconds(5)));
  }
}

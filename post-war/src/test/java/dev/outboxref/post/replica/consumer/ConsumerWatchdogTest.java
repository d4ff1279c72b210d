package dev.outboxref.post.replica.consumer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the consumer counts as stalled. */
class ConsumerWatchdogTest {

  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final Duration LONG_AGO = Duration.ofSeconds(31);

  @Test
  void recordsWaitingAndNoProgressWhileEverythingAnswersIsAStall() {
    assertTrue(ConsumerWatchdog.stalled(5, true, true, LONG_AGO, BOUND));
  }

  @Test
  void notAStall() {
    assertFalse(ConsumerWatchdog.stalled(0, true, true, LONG_AGO, BOUND), "nothing waits");
    assertFalse(
        ConsumerWatchdog.stalled(5, true, true, Duration.ofSeconds(29), BOUND), "recent progress");
    assertFalse(
        ConsumerWatchdog.stalled(5, false, true, LONG_AGO, BOUND), "the broker is away: its check");
    assertFalse(
        ConsumerWatchdog.stalled(5, true, false, LONG_AGO, BOUND), "postdb is away: its check");
  }
}

package dev.outboxref.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

  @Test
  void returnsTheFirstValueThatPassesTheCheck() {
    AtomicInteger polls = new AtomicInteger();
    int value =
        Poll.until(
            "the third poll",
            Duration.ofSeconds(10),
            Duration.ofMillis(1),
            polls::incrementAndGet,
            n -> n >= 3);
    assertEquals(3, value);
    assertEquals(3, polls.get());
  }

  @Test
  void aTimeoutIsAnIllegalStateExceptionNamingTheWaitAndTheLastValue() {
    IllegalStateException timeout =
        assertThrows(
            IllegalStateException.class,
            () ->
                Poll.until(
                    "a value above 100",
                    Duration.ofMillis(50),
                    Duration.ofMillis(5),
                    () -> 42,
                    n -> n > 100));
    assertTrue(timeout.getMessage().contains("a value above 100"), timeout.getMessage());
    assertTrue(timeout.getMessage().contains("last seen: 42"), timeout.getMessage());
  }

  @Test
  void aConditionIsPolledAtLeastOnceAndWhatItThrowsEndsTheWait() {
    Poll.until("true at once", Duration.ZERO, () -> true);
    RuntimeException failure = new RuntimeException("the server died");
    RuntimeException thrown =
        assertThrows(
            RuntimeException.class,
            () ->
                Poll.until(
                    "a dead server",
                    Duration.ofSeconds(10),
                    () -> {
                      throw failure;
                    }));
    assertSame(failure, thrown);
  }

  @Test
  void anInterruptedWaitEndsWithTheInterruptKept() {
    Thread.currentThread().interrupt();
    try {
      assertThrows(
          IllegalStateException.class,
          () -> Poll.until("never", Duration.ofSeconds(10), () -> false));
      assertTrue(Thread.interrupted(), "the interrupt flag is set again");
    } finally {
      Thread.interrupted();
    }
  }
}

package dev.outboxref.user.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HashingPermitsTest {

  @Test
  void aHashThatFindsEveryPermitTakenForTooLongIsRefusedAndOneFreedLaterIsNot() throws Exception {
    HashingPermits permits = new HashingPermits(1, Duration.ofMillis(50));
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> holder =
        CompletableFuture.supplyAsync(
            () ->
                permits.run(
                    () -> {
                      running.countDown();
                      await(release);
                      return "first";
                    }));
    running.await(10, TimeUnit.SECONDS);

    UserRefusal busy = assertThrows(UserRefusal.class, () -> permits.run(() -> "second"));
    assertEquals(UserRefusal.Kind.HASHING_BUSY, busy.kind());

    release.countDown();
    assertEquals("first", holder.get(10, TimeUnit.SECONDS));
    assertEquals("third", permits.run(() -> "third"));
  }

  @Test
  void aFailingHashGivesItsPermitBack() {
    HashingPermits permits = new HashingPermits(1, Duration.ofMillis(50));
    assertThrows(
        IllegalStateException.class,
        () ->
            permits.run(
                () -> {
                  throw new IllegalStateException("broken");
                }));
    assertEquals("next", permits.run(() -> "next"));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

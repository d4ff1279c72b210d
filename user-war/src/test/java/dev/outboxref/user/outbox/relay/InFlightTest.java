package dev.outboxref.user.outbox.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The batches in flight: their ids, their answers, and leaving oldest first. */
class InFlightTest {

  private final UUID ada = UUID.randomUUID();
  private final UUID bob = UUID.randomUUID();
  private final InFlight<Event> inFlight = new InFlight<>();

  private record Event(Long id, UUID aggregateId) implements RelayBatch.Event {}

  private static long inAMinute() {
    return System.nanoTime() + Duration.ofMinutes(1).toNanos();
  }

  private static long aMinuteAgo() {
    return System.nanoTime() - Duration.ofMinutes(1).toNanos();
  }

  private static List<CompletableFuture<Void>> acks(int count) {
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      acks.add(new CompletableFuture<>());
    }
    return acks;
  }

  @Test
  void theIdsOfEveryBatchAreLeftOutOfTheReads() {
    inFlight.add(List.of(new Event(1L, ada), new Event(2L, bob)), acks(2), inAMinute());
    inFlight.add(List.of(new Event(3L, ada)), acks(1), inAMinute());

    assertEquals(Set.of(1L, 2L, 3L), inFlight.ids());
    assertEquals(3, inFlight.events());
    assertEquals(2, inFlight.batches());
    assertThrows(UnsupportedOperationException.class, () -> inFlight.ids().clear());
  }

  @Test
  void theOldestBatchesLeaveFirstWithTheirIds() {
    inFlight.add(List.of(new Event(1L, ada)), acks(1), inAMinute());
    inFlight.add(List.of(new Event(2L, bob), new Event(3L, ada)), acks(2), inAMinute());
    inFlight.add(List.of(new Event(4L, bob)), acks(1), inAMinute());

    inFlight.removeOldest(2);

    assertEquals(Set.of(4L), inFlight.ids());
    assertEquals(List.of(new Event(4L, bob)), inFlight.iterator().next().events());
  }

  @Test
  void aBatchIsAnsweredOnceEveryAckArrivedAndFailedIfOneWasRefused() {
    List<CompletableFuture<Void>> acks = acks(2);
    inFlight.add(List.of(new Event(1L, ada), new Event(2L, bob)), acks, inAMinute());
    InFlight.Batch<Event> batch = inFlight.iterator().next();

    acks.get(0).complete(null);
    assertFalse(batch.answered());
    acks.get(1).completeExceptionally(new IllegalStateException("refused"));
    assertTrue(batch.answered());
    assertTrue(batch.failed());
    assertTrue(inFlight.anyFailed());
  }

  @Test
  void aBatchPastItsDeadlineIsAnsweredAndFailed() {
    inFlight.add(List.of(new Event(1L, ada)), acks(1), aMinuteAgo());
    InFlight.Batch<Event> batch = inFlight.iterator().next();

    assertTrue(batch.answered());
    assertTrue(batch.failed());
    assertEquals(Duration.ZERO, inFlight.untilOldestDeadline());
    RelayBatch.Outcome outcome = batch.outcome(new HashSet<>());
    assertEquals(1L, outcome.firstFailedId());
    assertTrue(outcome.failure() instanceof TimeoutException);
  }

  @Test
  void theOutcomeOfABatchHonoursTheUsersBlockedBefore() {
    List<CompletableFuture<Void>> acks = acks(2);
    acks.forEach(ack -> ack.complete(null));
    inFlight.add(List.of(new Event(5L, ada), new Event(6L, bob)), acks, inAMinute());
    Set<UUID> blocked = new HashSet<>(Set.of(ada));

    RelayBatch.Outcome outcome = inFlight.iterator().next().outcome(blocked);

    assertEquals(List.of(6L), outcome.published(), "ada's earlier event failed");
    assertFalse(outcome.failed());
  }

  @Test
  void nothingInFlightHasNoDeadlineAndClearingLetsEverythingGo() {
    assertNull(inFlight.untilOldestDeadline());
    inFlight.add(List.of(new Event(1L, ada)), acks(1), inAMinute());
    assertTrue(inFlight.untilOldestDeadline().compareTo(Duration.ZERO) > 0);

    inFlight.clear();

    assertEquals(0, inFlight.batches());
    assertEquals(Set.of(), inFlight.ids());
    assertFalse(inFlight.anyFailed());
  }
}

package dev.outboxref.user.outbox.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Which events the relay sends, and which it marks published after the broker answered. */
class RelayBatchTest {

  private final UUID ada = UUID.randomUUID();
  private final UUID bob = UUID.randomUUID();
  private final UUID cid = UUID.randomUUID();
  private long nextId = 100;

  private record Event(Long id, UUID aggregateId) implements RelayBatch.Event {}

  private Event event(UUID user) {
    return new Event(nextId++, user);
  }

  @Test
  void normallyEveryFetchedEventIsSentInOrder() {
    List<Event> fetched = List.of(event(ada), event(ada), event(bob), event(ada));
    assertEquals(fetched, RelayBatch.toSend(fetched, false));
  }

  @Test
  void afterAFailureOnlyEachUsersOldestEventIsSent() {
    Event ada1 = event(ada);
    Event bob1 = event(bob);
    Event ada2 = event(ada);
    Event cid1 = event(cid);
    Event bob2 = event(bob);
    assertEquals(
        List.of(ada1, bob1, cid1),
        RelayBatch.toSend(List.of(ada1, bob1, ada2, cid1, bob2), true),
        "one event per user in flight, in id order");
  }

  @Test
  void allAcknowledgedIsAllMarked() {
    List<Event> sent = List.of(event(ada), event(bob), event(ada));
    RelayBatch.Outcome outcome = RelayBatch.outcome(sent, acked(3));
    assertEquals(ids(sent), outcome.published());
    assertFalse(outcome.failed());
    assertNull(outcome.firstFailedId());
  }

  @Test
  void aFailureInTheMiddleHoldsBackOnlyItsUser() {
    Event ada1 = event(ada);
    Event bob1 = event(bob);
    Event cid1 = event(cid);
    RuntimeException refused = new IllegalStateException("NOT_LEADER_OR_FOLLOWER");
    RelayBatch.Outcome outcome =
        RelayBatch.outcome(List.of(ada1, bob1, cid1), errors(null, refused, null));
    assertEquals(List.of(ada1.id(), cid1.id()), outcome.published());
    assertTrue(outcome.failed());
    assertEquals(bob1.id(), outcome.firstFailedId());
    assertSame(refused, outcome.failure());
  }

  @Test
  void aLaterVersionIsNeverMarkedWhileAnEarlierOneFailed() {
    Event ada1 = event(ada);
    Event ada2 = event(ada);
    Event ada3 = event(ada);
    Event bob1 = event(bob);
    Event bob2 = event(bob);
    RelayBatch.Outcome outcome =
        RelayBatch.outcome(
            List.of(ada1, ada2, bob1, ada3, bob2),
            errors(null, new TimeoutException("expired"), null, null, null));
    assertEquals(
        List.of(ada1.id(), bob1.id(), bob2.id()),
        outcome.published(),
        "ada's version before the failure is marked, the one acknowledged after it is not");
    assertEquals(ada2.id(), outcome.firstFailedId());
  }

  @Test
  void theFirstFailureOfTheBatchIsTheOneRecorded() {
    Event ada1 = event(ada);
    Event bob1 = event(bob);
    RuntimeException first = new IllegalStateException("first");
    RuntimeException second = new IllegalStateException("second");
    RelayBatch.Outcome outcome = RelayBatch.outcome(List.of(ada1, bob1), errors(first, second));
    assertEquals(List.of(), outcome.published());
    assertEquals(ada1.id(), outcome.firstFailedId());
    assertSame(first, outcome.failure());
  }

  @Test
  void moreIsWaitingAfterAFullFetchOrWhenEventsWereHeldBack() {
    assertTrue(RelayBatch.moreWaiting(500, 500, 500), "a full fetch");
    assertTrue(RelayBatch.moreWaiting(500, 3, 500), "a full fetch, held back");
    assertTrue(RelayBatch.moreWaiting(7, 3, 500), "held back for their users");
    assertFalse(RelayBatch.moreWaiting(7, 7, 500), "everything fetched went out");
  }

  @Test
  void anAcknowledgementIsNullAndAProducerErrorIsItsCause() {
    CompletableFuture<Void> failed = new CompletableFuture<>();
    RuntimeException refused = new IllegalStateException("NOT_ENOUGH_REPLICAS");
    failed.completeExceptionally(refused);
    List<Throwable> errors =
        RelayBatch.awaitAcks(
            List.of(CompletableFuture.completedFuture(null), failed), Duration.ofSeconds(5));
    assertNull(errors.get(0));
    assertSame(refused, errors.get(1));
  }

  @Test
  void anAcknowledgementThatArrivesLaterWithinTheDeadlineCounts() {
    CompletableFuture<Void> later = new CompletableFuture<>();
    CompletableFuture.runAsync(() -> later.complete(null));
    assertNull(RelayBatch.awaitAcks(List.of(later), Duration.ofSeconds(30)).get(0));
  }

  @Test
  void oneDeadlineForTheWholeBatchAfterWhichEveryMissingAckIsATimeout() {
    Duration timeout = Duration.ofMillis(300);
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      acks.add(new CompletableFuture<>());
    }
    acks.add(CompletableFuture.completedFuture(null));
    long start = System.nanoTime();
    List<Throwable> errors = RelayBatch.awaitAcks(acks, timeout);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    for (int i = 0; i < 5; i++) {
      assertInstanceOf(TimeoutException.class, errors.get(i));
    }
    assertNull(errors.get(5), "an ack already there is not lost behind the timeouts");
    assertTrue(
        took.compareTo(timeout.multipliedBy(5)) < 0,
        "one deadline, not one per acknowledgement: took " + took);
  }

  @Test
  void anInterruptedWaitIsAFailureAndKeepsTheInterrupt() {
    Thread.currentThread().interrupt();
    try {
      List<Throwable> errors =
          RelayBatch.awaitAcks(List.of(new CompletableFuture<>()), Duration.ofSeconds(30));
      assertInstanceOf(InterruptedException.class, errors.get(0));
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }

  private static List<Long> ids(List<Event> events) {
    return events.stream().map(Event::id).toList();
  }

  private static List<Throwable> acked(int n) {
    return errors(new Throwable[n]);
  }

  /** One per sent event; null is an acknowledgement (List.of holds no null). */
  private static List<Throwable> errors(Throwable... errors) {
    return Arrays.asList(errors);
  }
}

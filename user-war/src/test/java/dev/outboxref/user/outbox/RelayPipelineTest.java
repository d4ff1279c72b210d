package dev.outboxref.user.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Batches in flight: what is read and sent while others wait, and what is marked when. */
class RelayPipelineTest {

  private final UUID ada = UUID.randomUUID();
  private final UUID bob = UUID.randomUUID();

  private record Event(Long id, UUID aggregateId) implements RelayBatch.Event {}

  /** An outbox table in memory: rows in id order, the marks and failures written to it. */
  private static final class Table implements RelayPipeline.Rows<Event> {
    final Map<Long, Event> unpublished = new LinkedHashMap<>();
    final List<List<Long>> markWrites = new ArrayList<>();
    final List<Long> failures = new ArrayList<>();
    long nextId = 1;
    int markWritesToFail;

    Event add(UUID user) {
      Event e = new Event(nextId++, user);
      unpublished.put(e.id(), e);
      return e;
    }

    @Override
    public List<Event> next(int limit, Set<Long> except) {
      return unpublished.values().stream()
          .filter(e -> !except.contains(e.id()))
          .limit(limit)
          .toList();
    }

    @Override
    public void markPublished(List<Long> ids) {
      if (!ids.isEmpty() && markWritesToFail > 0) {
        markWritesToFail--;
        throw new IllegalStateException("database away");
      }
      if (!ids.isEmpty()) {
        markWrites.add(List.copyOf(ids));
        ids.forEach(unpublished::remove);
      }
    }

    @Override
    public void recordFailure(long id, String error) {
      failures.add(id);
    }

    List<Long> marked() {
      return markWrites.stream().flatMap(List::stream).toList();
    }
  }

  /** A broker whose answers the test gives, one future per send. */
  private static final class Broker implements RelayPipeline.Sender<Event> {
    final Map<Long, CompletableFuture<Void>> acks = new LinkedHashMap<>();

    @Override
    public CompletableFuture<Void> send(Event event) {
      CompletableFuture<Void> ack = new CompletableFuture<>();
      acks.put(event.id(), ack);
      return ack;
    }

    void ack(Event... events) {
      for (Event e : events) {
        acks.get(e.id()).complete(null);
      }
    }

    void refuse(Event e) {
      acks.get(e.id()).completeExceptionally(new IllegalStateException("NOT_ENOUGH_REPLICAS"));
    }

    List<Long> sent() {
      return List.copyOf(acks.keySet());
    }
  }

  private final Table table = new Table();
  private final Broker broker = new Broker();
  private final AtomicInteger wakeUps = new AtomicInteger();

  private RelayPipeline<Event> pipeline(int batchSize, int maxInFlight, Duration ackTimeout) {
    return new RelayPipeline<>(
        table, broker, batchSize, maxInFlight, ackTimeout, wakeUps::incrementAndGet);
  }

  @Test
  void theNextBatchGoesOutWhileTheFirstStillWaitsForItsAcknowledgements() {
    RelayPipeline<Event> pipeline = pipeline(2, 10, Duration.ofSeconds(30));
    Event a1 = table.add(ada);
    Event b1 = table.add(bob);
    Event a2 = table.add(ada);

    RelayPipeline.Step first = pipeline.step(false);
    assertEquals(List.of(a1.id(), b1.id()), broker.sent());
    assertTrue(first.goOn(), "a full batch: more may be waiting");

    RelayPipeline.Step second = pipeline.step(false);
    assertEquals(List.of(a1.id(), b1.id(), a2.id()), broker.sent(), "nothing sent twice");
    assertFalse(second.goOn());
    assertEquals(3, pipeline.inFlight());
    assertEquals(List.of(), table.marked(), "nothing marked before it is acknowledged");
  }

  @Test
  void batchesAreMarkedInTheOrderTheyWereSent() {
    RelayPipeline<Event> pipeline = pipeline(1, 10, Duration.ofSeconds(30));
    Event a1 = table.add(ada);
    Event a2 = table.add(ada);
    pipeline.step(false);
    pipeline.step(false);

    broker.ack(a2);
    pipeline.step(false);
    assertEquals(List.of(), table.marked(), "a2 waits for a1, sent before it");

    broker.ack(a1);
    RelayPipeline.Step step = pipeline.step(false);
    assertEquals(List.of(List.of(a1.id(), a2.id())), table.markWrites, "in one write, in order");
    assertEquals(2, step.published());
    assertEquals(0, pipeline.inFlight());
  }

  @Test
  void theWholeBatchsAcknowledgementsWakeTheRelay() {
    RelayPipeline<Event> pipeline = pipeline(2, 10, Duration.ofSeconds(30));
    Event a1 = table.add(ada);
    Event b1 = table.add(bob);
    pipeline.step(false);
    broker.ack(a1);
    assertEquals(0, wakeUps.get());
    broker.ack(b1);
    assertEquals(1, wakeUps.get());
  }

  @Test
  void neverMoreThanMaxInFlightEventsAreOut() {
    RelayPipeline<Event> pipeline = pipeline(2, 3, Duration.ofSeconds(30));
    for (int i = 0; i < 6; i++) {
      table.add(i % 2 == 0 ? ada : bob);
    }
    pipeline.step(false);
    RelayPipeline.Step second = pipeline.step(false);
    assertEquals(3, broker.sent().size(), "the second read takes only the room left");
    assertFalse(second.goOn(), "full: it waits for an acknowledgement");
    RelayPipeline.Step third = pipeline.step(false);
    assertEquals(3, broker.sent().size());
    assertFalse(third.goOn());
  }

  @Test
  void aUsersLaterEventInALaterBatchIsNotMarkedWhenAnEarlierOneFailed() {
    RelayPipeline<Event> pipeline = pipeline(2, 10, Duration.ofSeconds(30));
    Event a1 = table.add(ada);
    Event b1 = table.add(bob);
    Event a2 = table.add(ada);
    Event b2 = table.add(bob);
    pipeline.step(false);
    pipeline.step(false);

    broker.refuse(a1);
    broker.ack(b1, a2, b2);
    assertThrows(RelayPipeline.PublishFailedException.class, () -> pipeline.step(false));
    assertEquals(List.of(b1.id(), b2.id()), table.marked(), "a2 waits for a1 to go again");
    assertEquals(List.of(a1.id()), table.failures);
    assertEquals(0, pipeline.inFlight(), "every batch in flight was answered");
  }

  @Test
  void afterAFailureEverythingInFlightIsAnsweredBeforeAnythingNewGoesOut() {
    RelayPipeline<Event> pipeline = pipeline(2, 10, Duration.ofMillis(50));
    Event a1 = table.add(ada);
    Event b1 = table.add(bob);
    pipeline.step(false);
    Event a2 = table.add(ada);
    Event a3 = table.add(ada);

    broker.ack(a1, b1);
    // the previous step failed elsewhere (the database, say): a1 and b1 are marked first, then
    // only ada's oldest unpublished event goes out, and is waited for
    RuntimeException timedOut =
        assertThrows(RelayPipeline.PublishFailedException.class, () -> pipeline.step(true));
    assertEquals(List.of(a1.id(), b1.id(), a2.id()), broker.sent(), "a3 is held back");
    assertEquals(List.of(a1.id(), b1.id()), table.marked());
    assertEquals(List.of(a2.id()), table.failures, "a2 got no answer within the deadline");
    assertTrue(timedOut.getMessage().startsWith("1 of 1 events"), timedOut.getMessage());
  }

  @Test
  void anUnansweredBatchPastItsDeadlineFails() {
    RelayPipeline<Event> pipeline = pipeline(2, 10, Duration.ZERO);
    Event a1 = table.add(ada);
    pipeline.step(false);
    assertThrows(RelayPipeline.PublishFailedException.class, () -> pipeline.step(false));
    assertEquals(List.of(a1.id()), table.failures);
    assertEquals(List.of(), table.marked());
  }

  @Test
  void aFailedMarkKeepsTheBatchInFlightSoItIsMarkedNextTime() {
    table.markWritesToFail = 1;
    RelayPipeline<Event> pipeline =
        new RelayPipeline<>(table, broker, 2, 10, Duration.ofSeconds(30), () -> {});
    Event a1 = table.add(ada);
    pipeline.step(false);
    broker.ack(a1);
    assertThrows(IllegalStateException.class, () -> pipeline.step(false));
    assertEquals(1, pipeline.inFlight());
    pipeline.step(true);
    assertEquals(List.of(a1.id()), table.marked());
    assertEquals(List.of(a1.id()), broker.sent(), "marked without being sent again");
  }

  @Test
  void aBatchSizeAboveMaxInFlightIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> pipeline(10, 5, Duration.ofSeconds(1)));
  }
}

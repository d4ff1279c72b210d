package dev.outboxref.user.outbox.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    final List<String> calls = new ArrayList<>();
    long nextId = 1;
    int markWritesToFail;

    Event add(UUID user) {
      Event e = new Event(nextId++, user);
      unpublished.put(e.id(), e);
      return e;
    }

    @Override
    public List<Event> next(int limit, Set<Long> except) {
      calls.add("next");
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
        calls.add("mark");
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

  /** Marks written apart run when the test says so. */
  private final Deque<Runnable> marksToWrite = new ArrayDeque<>();

  private RelayPipeline<Event> pipeline(int batchSize, int maxInFlight, Duration ackTimeout) {
    return new RelayPipeline<>(
        table, broker, Runnable::run, batchSize, maxInFlight, ackTimeout, wakeUps::incrementAndGet);
  }

  /** A pipeline whose marks are written apart, when {@link #writeMarks} runs them. */
  private RelayPipeline<Event> pipelineMarkingApart(int batchSize, int maxInFlight) {
    return new RelayPipeline<>(
        table,
        broker,
        marksToWrite::add,
        batchSize,
        maxInFlight,
        Duration.ofSeconds(30),
        wakeUps::incrementAndGet);
  }

  private void writeMarks() {
    while (!marksToWrite.isEmpty()) {
      marksToWrite.remove().run();
    }
  }

  @Test
  void theNextBatchGoesOutWhileTheFirstStillWaitsForItsAcknowledgements() {
    RelayPipeline<Event> pipeline = pipeline(2, 10, Duration.ofSeconds(30));
    Event a1 = table.add(ada);
    Event b1 = table.add(bob);
    Event a2 = table.add(ada);

    RelayPipeline.Step first = pipeline.step(false, true);
    assertEquals(List.of(a1.id(), b1.id()), broker.sent());
    assertTrue(first.goOn(), "a full batch: more may be waiting");

    RelayPipeline.Step second = pipeline.step(false, true);
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
    pipeline.step(false, true);
    pipeline.step(false, true);

    broker.ack(a2);
    pipeline.step(false, true);
    assertEquals(List.of(), table.marked(), "a2 waits for a1, sent before it");

    broker.ack(a1);
    RelayPipeline.Step step = pipeline.step(false, true);
    assertEquals(List.of(List.of(a1.id(), a2.id())), table.markWrites, "in one write, in order");
    assertEquals(2, step.published());
    assertEquals(0, pipeline.inFlight());
  }

  @Test
  void theWholeBatchsAcknowledgementsWakeTheRelay() {
    RelayPipeline<Event> pipeline = pipeline(2, 10, Duration.ofSeconds(30));
    Event a1 = table.add(ada);
    Event b1 = table.add(bob);
    pipeline.step(false, true);
    broker.ack(a1);
    assertEquals(0, wakeUps.get());
    broker.ack(b1);
    assertEquals(1, wakeUps.get());
  }

  @Test
  void aStepWokenByAcknowledgementsMarksWithoutReading() {
    RelayPipeline<Event> pipeline = pipeline(2, 10, Duration.ofSeconds(30));
    Event a1 = table.add(ada);
    pipeline.step(false, true);
    broker.ack(a1);

    pipeline.step(false, false);
    assertEquals(List.of("next", "mark"), table.calls, "nothing was committed since the read");
    assertEquals(List.of(a1.id()), table.marked());
  }

  @Test
  void aFullReadIsFollowedByAnotherWithoutACommit() {
    RelayPipeline<Event> pipeline = pipeline(2, 10, Duration.ofSeconds(30));
    table.add(ada);
    table.add(bob);
    Event a2 = table.add(ada);
    pipeline.step(false, true);

    pipeline.step(false, false);
    assertEquals(a2.id(), broker.sent().get(2), "the first read filled its room: more may wait");
    pipeline.step(false, false);
    assertEquals(List.of("next", "next"), table.calls, "the second read did not fill its room");
  }

  @Test
  void aCommitWhileThePipelineIsFullIsReadOnceThereIsRoom() {
    RelayPipeline<Event> pipeline = pipelineMarkingApart(1, 1);
    Event a1 = table.add(ada);
    pipeline.step(false, true);
    Event b1 = table.add(bob);
    pipeline.step(false, true); // no room: b1 is not read
    assertEquals(List.of(a1.id()), broker.sent());

    broker.ack(a1);
    pipeline.step(false, false); // a1's mark starts
    writeMarks();
    pipeline.step(false, false); // the mark is taken in: room for b1, committed before
    assertEquals(List.of(a1.id(), b1.id()), broker.sent());
  }

  @Test
  void whatIsNewGoesOutBeforeTheAcknowledgedIsMarked() {
    RelayPipeline<Event> pipeline = pipeline(2, 10, Duration.ofSeconds(30));
    Event a1 = table.add(ada);
    pipeline.step(false, true);
    broker.ack(a1);
    Event b1 = table.add(bob);

    RelayPipeline.Step step = pipeline.step(false, true);
    assertEquals(List.of(a1.id(), b1.id()), broker.sent());
    assertEquals(List.of("next", "next", "mark"), table.calls, "b1 did not wait for a1's mark");
    assertEquals(List.of(a1.id()), table.marked());
    assertEquals(1, step.published());
  }

  @Test
  void aFullPipelineMarksAndTheStepAfterTheMarkSendsMore() {
    RelayPipeline<Event> pipeline = pipeline(2, 2, Duration.ofSeconds(30));
    Event a1 = table.add(ada);
    Event b1 = table.add(bob);
    pipeline.step(false, true);
    broker.ack(a1, b1);
    Event a2 = table.add(ada);

    RelayPipeline.Step full = pipeline.step(false, true);
    assertEquals(List.of("next", "mark"), table.calls, "no room to read into");
    assertFalse(full.goOn());
    pipeline.step(false, true);
    assertEquals(List.of(a1.id(), b1.id(), a2.id()), broker.sent());
  }

  @Test
  void marksWrittenApartKeepTheirBatchesOutOfTheReadsUntilWritten() {
    RelayPipeline<Event> pipeline = pipelineMarkingApart(2, 10);
    Event a1 = table.add(ada);
    pipeline.step(false, true);
    broker.ack(a1);
    Event a2 = table.add(ada);

    pipeline.step(false, true);
    assertEquals(List.of(a1.id(), a2.id()), broker.sent(), "a2 went out while a1's mark waits");
    assertEquals(List.of(), table.marked());
    assertEquals(2, pipeline.inFlight());

    int before = wakeUps.get();
    writeMarks();
    assertEquals(List.of(a1.id()), table.marked());
    assertEquals(before + 1, wakeUps.get(), "a written mark wakes the relay");
    pipeline.step(false, true);
    assertEquals(1, pipeline.inFlight(), "a1 left the pipeline once its mark was written");
    assertEquals(List.of(a1.id(), a2.id()), broker.sent(), "nothing sent twice");
  }

  @Test
  void oneMarkIsWrittenApartAtATime() {
    RelayPipeline<Event> pipeline = pipelineMarkingApart(1, 10);
    Event a1 = table.add(ada);
    pipeline.step(false, true);
    broker.ack(a1);
    pipeline.step(false, true); // a1's mark starts
    Event b1 = table.add(bob);
    pipeline.step(false, true);
    broker.ack(b1);
    pipeline.step(false, true); // b1 waits for a1's mark

    assertEquals(1, marksToWrite.size());
    writeMarks();
    pipeline.step(false, true); // a1's mark taken in, b1's starts
    writeMarks();
    assertEquals(List.of(List.of(a1.id()), List.of(b1.id())), table.markWrites);
  }

  @Test
  void aMarkWrittenApartThatFailsKeepsItsBatchInFlightForTheStepAfterTheFailure() {
    table.markWritesToFail = 1;
    RelayPipeline<Event> pipeline = pipelineMarkingApart(2, 10);
    Event a1 = table.add(ada);
    pipeline.step(false, true);
    broker.ack(a1);
    pipeline.step(false, true);
    writeMarks();

    assertThrows(IllegalStateException.class, () -> pipeline.step(false, true));
    assertEquals(1, pipeline.inFlight());
    pipeline.step(true, true);
    assertEquals(List.of(a1.id()), table.marked(), "marked by the step after the failure");
    assertEquals(List.of(a1.id()), broker.sent(), "marked without being sent again");
  }

  @Test
  void aRefusalInFlightStopsTheNextStepBeforeItSendsAnything() {
    RelayPipeline<Event> pipeline = pipeline(2, 10, Duration.ofSeconds(30));
    Event a1 = table.add(ada);
    pipeline.step(false, true);
    broker.refuse(a1);
    table.add(ada);

    assertThrows(RelayPipeline.PublishFailedException.class, () -> pipeline.step(false, true));
    assertEquals(List.of(a1.id()), broker.sent(), "ada's next event waits for a1 to go again");
    assertEquals(List.of(a1.id()), table.failures);
  }

  @Test
  void withoutTheLeadWhatIsInFlightIsForgottenUnmarked() {
    RelayPipeline<Event> pipeline = pipeline(2, 10, Duration.ofSeconds(30));
    Event a1 = table.add(ada);
    pipeline.step(false, true);
    broker.ack(a1);

    pipeline.forget();
    assertEquals(0, pipeline.inFlight());
    assertEquals(List.of(), table.marked(), "the next leader sends a1 again");
  }

  @Test
  void neverMoreThanMaxInFlightEventsAreOut() {
    RelayPipeline<Event> pipeline = pipeline(2, 3, Duration.ofSeconds(30));
    for (int i = 0; i < 6; i++) {
      table.add(i % 2 == 0 ? ada : bob);
    }
    pipeline.step(false, true);
    RelayPipeline.Step second = pipeline.step(false, true);
    assertEquals(3, broker.sent().size(), "the second read takes only the room left");
    assertFalse(second.goOn(), "full: it waits for an acknowledgement");
    RelayPipeline.Step third = pipeline.step(false, true);
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
    pipeline.step(false, true);
    pipeline.step(false, true);

    broker.refuse(a1);
    broker.ack(b1, a2, b2);
    assertThrows(RelayPipeline.PublishFailedException.class, () -> pipeline.step(false, true));
    assertEquals(List.of(b1.id(), b2.id()), table.marked(), "a2 waits for a1 to go again");
    assertEquals(List.of(a1.id()), table.failures);
    assertEquals(0, pipeline.inFlight(), "every batch in flight was answered");
  }

  @Test
  void afterAFailureEverythingInFlightIsAnsweredBeforeAnythingNewGoesOut() {
    RelayPipeline<Event> pipeline = pipeline(2, 10, Duration.ofMillis(50));
    Event a1 = table.add(ada);
    Event b1 = table.add(bob);
    pipeline.step(false, true);
    Event a2 = table.add(ada);
    Event a3 = table.add(ada);

    broker.ack(a1, b1);
    // the previous step failed elsewhere (the database, say): a1 and b1 are marked first, then
    // only ada's oldest unpublished event goes out, and is waited for
    RuntimeException timedOut =
        assertThrows(RelayPipeline.PublishFailedException.class, () -> pipeline.step(true, true));
    assertEquals(List.of(a1.id(), b1.id(), a2.id()), broker.sent(), "a3 is held back");
    assertEquals(List.of(a1.id(), b1.id()), table.marked());
    assertEquals(List.of(a2.id()), table.failures, "a2 got no answer within the deadline");
    assertTrue(timedOut.getMessage().startsWith("1 of 1 events"), timedOut.getMessage());
  }

  @Test
  void anUnansweredBatchPastItsDeadlineFails() {
    RelayPipeline<Event> pipeline = pipeline(2, 10, Duration.ZERO);
    Event a1 = table.add(ada);
    // with no time at all for the answer, the step that sent a1 finds it past its deadline
    assertThrows(RelayPipeline.PublishFailedException.class, () -> pipeline.step(false, true));
    assertEquals(List.of(a1.id()), broker.sent());
    assertEquals(List.of(a1.id()), table.failures);
    assertEquals(List.of(), table.marked());
  }

  @Test
  void aFailedMarkKeepsTheBatchInFlightSoItIsMarkedNextTime() {
    table.markWritesToFail = 1;
    RelayPipeline<Event> pipeline =
        new RelayPipeline<>(table, broker, Runnable::run, 2, 10, Duration.ofSeconds(30), () -> {});
    Event a1 = table.add(ada);
    pipeline.step(false, true);
    broker.ack(a1);
    assertThrows(IllegalStateException.class, () -> pipeline.step(false, true));
    assertEquals(1, pipeline.inFlight());
    pipeline.step(true, true);
    assertEquals(List.of(a1.id()), table.marked());
    assertEquals(List.of(a1.id()), broker.sent(), "marked without being sent again");
  }

  @Test
  void aBatchSizeAboveMaxInFlightIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> pipeline(10, 5, Duration.ofSeconds(1)));
  }
}

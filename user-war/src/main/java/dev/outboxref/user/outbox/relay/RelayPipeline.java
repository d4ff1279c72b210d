package dev.outboxref.user.outbox.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * When the relay reads, sends and marks, apart from the database and the broker: while every
 * attempt goes through, the next batch is read and sent while earlier ones still wait for their
 * acknowledgements, up to {@code maxInFlight} events; batches are marked in the order they were
 * sent, each only once every batch before it was marked. After a failure nothing new is sent until
 * everything in flight has been answered, and then one batch at a time with each user's oldest
 * event only ({@link RelayBatch}).
 *
 * <p>Sending a batch before the previous one is acknowledged has in flight what one larger batch
 * has: the producer keeps a key's order across its own retries, and a later event of a user whose
 * earlier event failed is not marked, whichever batch it went out in.
 *
 * <p>While every attempt goes through, marks are written apart ({@code marks}, one at a time), so
 * that the database deletes one batch while the relay reads and sends the next; a batch stays in
 * flight ({@link InFlight}), and out of the reads, until its mark is written. After a failure,
 * marks are written by the stepping thread itself.
 *
 * <p>A step reads only when rows may wait that were not read yet: something was committed since the
 * last read (the caller says so), or the last read filled all the room it had. A step woken by
 * acknowledgements or by a written mark only marks and takes the mark in: reading then as well cost
 * two more outbox reads per event under a steady load (docs/performance.md).
 *
 * <p>Longer than the package's other classes, on purpose: reading, sending, marking apart and the
 * failure path share one state (what is in flight, the mark being written, whether to read), and
 * each decision depends on the others'. The parts that stand alone are apart ({@link InFlight},
 * {@link RelayBatch}); {@code RelayPipelineTest} drives the rest step by step.
 *
 * @param <E> the outbox row as the relay reads it
 */
final class RelayPipeline<E extends RelayBatch.Event> {

  /** The relay's view of the outbox table. */
  interface Rows<E> {
    /** The oldest unpublished events in id order, up to {@code limit}, none of {@code except}. */
    List<E> next(int limit, Set<Long> except);

    void markPublished(List<Long> ids);

    void recordFailure(long id, String error);
  }

  /** Sends one event; the future completes when the broker acknowledged it. */
  interface Sender<E> {
    CompletableFuture<Void> send(E event);
  }

  /**
   * What one step did and what the relay does next.
   *
   * @param published events marked published in this step
   * @param goOn true to step again at once; else wait for a wake-up, at most {@code maxWait}
   * @param maxWait null to wait for a wake-up or the poll interval, whichever comes first
   */
  record Step(int published, boolean goOn, Duration maxWait) {}

  /** Some events were not acknowledged; what could be marked is marked. */
  static final class PublishFailedException extends RuntimeException {
    PublishFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * A mark being written apart: the first {@code batches} batches in flight, {@code events} rows.
   */
  private record Marking(int batches, int events, CompletableFuture<Void> written) {}

  private final Rows<E> rows;
  private final Sender<E> sender;
  private final Executor marks;
  private final int batchSize;
  private final int maxInFlight;
  private final Duration ackTimeout;
  private final Runnable wakeUp;
  private final InFlight<E> inFlight = new InFlight<>();
  private Marking marking;

  /** Rows may wait that were not read yet: at the start, after a commit, after a full read. */
  private boolean readPending = true;

  /**
   * @param marks where marks are written apart from the stepping thread
   * @param wakeUp called when every acknowledgement of a batch has arrived, and when a mark written
   *     apart is done
   */
  RelayPipeline(
      Rows<E> rows,
      Sender<E> sender,
      Executor marks,
      int batchSize,
      int maxInFlight,
      Duration ackTimeout,
      Runnable wakeUp) {
    if (batchSize < 1 || maxInFlight < batchSize) {
      throw new IllegalArgumentException(
          "batch size "
              + batchSize
              + " must be at least 1 and at most max in flight "
              + maxInFlight);
    }
    this.rows = rows;
    this.sender = sender;
    this.marks = marks;
    this.batchSize = batchSize;
    this.maxInFlight = maxInFlight;
    this.ackTimeout = ackTimeout;
    this.wakeUp = wakeUp;
  }

  /** Events sent and not yet marked or given up on. */
  int inFlight() {
    return inFlight.events();
  }

  /**
   * One step: takes in a mark written apart, reads and sends what is next, and starts writing the
   * mark of what has been acknowledged since. A failure in flight is dealt with before anything new
   * goes out.
   *
   * @param afterFailure the previous step failed: answer everything in flight, then send one batch
   *     of each user's oldest event and wait for it
   * @param committed rows may have been committed since the last step (a commit woke the relay, or
   *     its poll ran out): read, as soon as there is room
   * @throws PublishFailedException some events were not acknowledged
   */
  Step step(boolean afterFailure, boolean committed) {
    readPending |= committed;
    if (afterFailure) {
      int published = finishAll();
      List<E> fetched = rows.next(batchSize, Set.of());
      List<E> batch = RelayBatch.toSend(fetched, true);
      send(batch);
      published += finishAll();
      readPending = true;
      return new Step(
          published, RelayBatch.moreWaiting(fetched.size(), batch.size(), batchSize), null);
    }
    int published = collectMark();
    if (inFlight.anyFailed()) {
      published += finishAll(); // throws
    }
    int room = Math.min(batchSize, maxInFlight - inFlight());
    List<E> fetched = List.of();
    if (room > 0 && readPending) {
      fetched = rows.next(room, inFlight.ids());
      readPending = fetched.size() == room;
    }
    send(fetched);
    published += markAnswered();
    boolean full = room > 0 && fetched.size() == room;
    return new Step(published, full && room == batchSize, inFlight.untilOldestDeadline());
  }

  /** Waits for every acknowledgement in flight and marks what they allow, here and now. */
  int finishAll() {
    int published = 0;
    if (marking != null) {
      try {
        marking.written().join();
        published = collectMark();
      } catch (RuntimeException e) {
        marking = null; // its batches are still in flight: marked below
      }
    }
    return published + finish(inFlight.batches());
  }

  /**
   * Gives up what is in flight without waiting for it or marking it, once the lead is lost: the
   * next leader sends it again (at least once), and this instance is free to try for the lead at
   * once instead of waiting for acknowledgements up to their deadline.
   */
  void forget() {
    inFlight.clear();
    marking = null;
  }

  private void send(List<E> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
    for (E event : batch) {
      acks.add(sender.send(event));
    }
    inFlight.add(batch, acks, System.nanoTime() + ackTimeout.toNanos());
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
        .whenComplete((ok, error) -> wakeUp.run());
  }

  /**
   * Starts writing, apart, the mark of the answered batches at the head, unless a mark is being
   * written already; if one of them failed, marks here and now what may be marked ({@link #finish},
   * which throws).
   *
   * @return the events whose mark is written by the time this returns
   */
  private int markAnswered() {
    if (marking != null) {
      return 0;
    }
    List<Long> ids = new ArrayList<>();
    Set<UUID> blocked = new HashSet<>();
    int answered = 0;
    for (InFlight.Batch<E> sent : inFlight) {
      if (!sent.answered()) {
        break;
      }
      RelayBatch.Outcome outcome = sent.outcome(blocked);
      if (outcome.failed()) {
        return finish(answered + 1);
      }
      ids.addAll(outcome.published());
      answered++;
    }
    if (answered == 0) {
      return 0;
    }
    List<Long> toMark = List.copyOf(ids);
    CompletableFuture<Void> written =
        CompletableFuture.runAsync(() -> rows.markPublished(toMark), marks);
    marking = new Marking(answered, toMark.size(), written);
    written.whenComplete((ok, error) -> wakeUp.run());
    return collectMark();
  }

  /**
   * A mark written apart: its batches leave the pipeline. If the write failed they stay in flight,
   * and the failure is thrown.
   *
   * @return the events of the mark; 0 if none was written since the last call
   */
  private int collectMark() {
    if (marking == null || !marking.written().isDone()) {
      return 0;
    }
    Marking done = marking;
    marking = null;
    try {
      done.written().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    inFlight.removeOldest(done.batches());
    return done.events();
  }

  /**
   * Marks the first {@code count} batches (waiting for their answers) in one write; if one of them
   * failed, waits for the rest in flight too, marks what they allow, records the first failure and
   * throws. Batches leave the pipeline only once their marks are written.
   */
  private int finish(int count) {
    List<Long> published = new ArrayList<>();
    Set<UUID> blocked = new HashSet<>();
    RelayBatch.Outcome failed = null;
    int sentCount = 0;
    int finished = 0;
    for (InFlight.Batch<E> sent : inFlight) {
      if (finished == count && failed == null) {
        break;
      }
      RelayBatch.Outcome outcome = sent.outcome(blocked);
      published.addAll(outcome.published());
      sentCount += sent.events().size();
      if (failed == null && outcome.failed()) {
        failed = outcome;
      }
      finished++;
    }
    rows.markPublished(published);
    inFlight.removeOldest(finished);
    if (failed != null) {
      rows.recordFailure(failed.firstFailedId(), failed.failure().toString());
      throw new PublishFailedException(
          (sentCount - published.size()) + " of " + sentCount + " events not acknowledged",
          failed.failure());
    }
    return published.size();
  }
}

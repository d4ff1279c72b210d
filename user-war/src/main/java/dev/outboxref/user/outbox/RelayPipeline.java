package dev.outboxref.user.outbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The relay's batches in flight, apart from the database and the broker: while every attempt goes
 * through, the next batch is read and sent while earlier ones still wait for their
 * acknowledgements, up to {@code maxInFlight} events; batches are marked in the order they were
 * sent, each only once every batch before it was marked. After a failure nothing new is sent until
 * everything in flight has been answered, and then one batch at a time with each user's oldest
 * event only ({@link RelayBatch}).
 *
 * <p>Sending a batch before the previous one is acknowledged has in flight what one larger batch
 * has: the producer keeps a key's order across its own retries, and a later event of a user whose
 * earlier event failed is not marked, whichever batch it went out in.
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

  /** A batch sent, and the deadline of its acknowledgements (a {@link System#nanoTime()}). */
  private record Sent<E>(List<E> events, List<CompletableFuture<Void>> acks, long deadline) {

    boolean answered() {
      return System.nanoTime() - deadline >= 0 || acks.stream().allMatch(CompletableFuture::isDone);
    }
  }

  private final Rows<E> rows;
  private final Sender<E> sender;
  private final int batchSize;
  private final int maxInFlight;
  private final Duration ackTimeout;
  private final Runnable wakeUp;
  private final Deque<Sent<E>> inFlight = new ArrayDeque<>();
  private final Set<Long> inFlightIds = new HashSet<>();

  /**
   * @param wakeUp called when every acknowledgement of a batch has arrived
   */
  RelayPipeline(
      Rows<E> rows,
      Sender<E> sender,
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
    this.batchSize = batchSize;
    this.maxInFlight = maxInFlight;
    this.ackTimeout = ackTimeout;
    this.wakeUp = wakeUp;
  }

  /** Events sent and not yet marked or given up on. */
  int inFlight() {
    return inFlightIds.size();
  }

  /**
   * One step: marks what has been acknowledged, reads and sends what is next.
   *
   * @param afterFailure the previous step failed: answer everything in flight, then send one batch
   *     of each user's oldest event and wait for it
   * @throws PublishFailedException some events were not acknowledged
   */
  Step step(boolean afterFailure) {
    if (afterFailure) {
      int published = finishAll();
      List<E> fetched = rows.next(batchSize, Set.of());
      List<E> batch = RelayBatch.toSend(fetched, true);
      send(batch);
      published += finishAll();
      return new Step(
          published, RelayBatch.moreWaiting(fetched.size(), batch.size(), batchSize), null);
    }
    int published = finishAnswered();
    int room = Math.min(batchSize, maxInFlight - inFlight());
    if (room > 0) {
      List<E> fetched = rows.next(room, inFlightIds);
      send(fetched);
      if (fetched.size() == room) {
        return new Step(published, room == batchSize, waitForOldest());
      }
    }
    return new Step(published, false, waitForOldest());
  }

  /** Waits for every acknowledgement in flight and marks what they allow. */
  int finishAll() {
    return finish(inFlight.size());
  }

  private void send(List<E> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
    for (E event : batch) {
      acks.add(sender.send(event));
      inFlightIds.add(event.id());
    }
    inFlight.add(new Sent<>(batch, acks, System.nanoTime() + ackTimeout.toNanos()));
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
        .whenComplete((ok, error) -> wakeUp.run());
  }

  /** Marks the batches at the head that are answered; on a failure, every batch in flight. */
  private int finishAnswered() {
    int answered = 0;
    for (Sent<E> sent : inFlight) {
      if (!sent.answered()) {
        break;
      }
      answered++;
    }
    return finish(answered);
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
    for (Sent<E> sent : inFlight) {
      if (finished == count && failed == null) {
        break;
      }
      RelayBatch.Outcome outcome =
          RelayBatch.outcome(
              sent.events(), RelayBatch.awaitAcks(sent.acks(), sent.deadline()), blocked);
      published.addAll(outcome.published());
      sentCount += sent.events().size();
      if (failed == null && outcome.failed()) {
        failed = outcome;
      }
      finished++;
    }
    rows.markPublished(published);
    for (int i = 0; i < finished; i++) {
      inFlight.remove().events().forEach(event -> inFlightIds.remove(event.id()));
    }
    if (failed != null) {
      rows.recordFailure(failed.firstFailedId(), failed.failure().toString());
      throw new PublishFailedException(
          (sentCount - published.size()) + " of " + sentCount + " events not acknowledged",
          failed.failure());
    }
    return published.size();
  }

  /** How long until the oldest batch in flight runs out of time; null if none is in flight. */
  private Duration waitForOldest() {
    Sent<E> oldest = inFlight.peek();
    return oldest == null
        ? null
        : Duration.ofNanos(Math.max(0, oldest.deadline() - System.nanoTime()));
  }
}

package dev.outboxref.user.outbox.relay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The relay's batches in flight, oldest first: sent, and not yet marked or given up on. Their ids
 * are left out of the outbox reads until they leave, which they do oldest first once their mark is
 * written, or all at once when the lead is lost ({@link RelayPipeline} decides when).
 *
 * @param <E> the outbox row as the relay reads it
 */
final class InFlight<E extends RelayBatch.Event> implements Iterable<InFlight.Batch<E>> {

  /** A batch sent, and the deadline of its acknowledgements (a {@link System#nanoTime()}). */
  record Batch<E extends RelayBatch.Event>(
      List<E> events, List<CompletableFuture<Void>> acks, long deadline) {

    /** Every acknowledgement arrived, or the deadline passed. */
    boolean answered() {
      return pastDeadline() || acks.stream().allMatch(CompletableFuture::isDone);
    }

    /** Some event was refused, or the deadline passed. */
    boolean failed() {
      return pastDeadline() || acks.stream().anyMatch(CompletableFuture::isCompletedExceptionally);
    }

    /**
     * What its answers allow, waiting for them up to the deadline ({@link RelayBatch#outcome(List,
     * List, Set)}: {@code blocked} holds the users with an earlier failure, and gains this
     * batch's).
     */
    RelayBatch.Outcome outcome(Set<UUID> blocked) {
      return RelayBatch.outcome(events, RelayBatch.awaitAcks(acks, deadline), blocked);
    }

    private boolean pastDeadline() {
      return System.nanoTime() - deadline >= 0;
    }
  }

  private final Deque<Batch<E>> batches = new ArrayDeque<>();
  private final Set<Long> ids = new HashSet<>();

  void add(List<E> events, List<CompletableFuture<Void>> acks, long deadline) {
    batches.add(new Batch<>(events, acks, deadline));
    events.forEach(event -> ids.add(event.id()));
  }

  /** The ids of the events in flight, which the reads leave out. */
  Set<Long> ids() {
    return Collections.unmodifiableSet(ids);
  }

  /** How many events are in flight. */
  int events() {
    return ids.size();
  }

  /** How many batches are in flight. */
  int batches() {
    return batches.size();
  }

  /** Some batch was refused or ran out of time. */
  boolean anyFailed() {
    return batches.stream().anyMatch(Batch::failed);
  }

  /** The oldest {@code count} batches leave: their marks are written. */
  void removeOldest(int count) {
    for (int i = 0; i < count; i++) {
      batches.remove().events().forEach(event -> ids.remove(event.id()));
    }
  }

  /** Everything leaves, unmarked: the lead is lost. */
  void clear() {
    batches.clear();
    ids.clear();
  }

  /** How long until the oldest batch runs out of time; null if none is in flight. */
  Duration untilOldestDeadline() {
    Batch<E> oldest = batches.peek();
    return oldest == null
        ? null
        : Duration.ofNanos(Math.max(0, oldest.deadline() - System.nanoTime()));
  }

  /** The batches, oldest first. */
  @Override
  public Iterator<Batch<E>> iterator() {
    return Collections.unmodifiableCollection(batches).iterator();
  }
}

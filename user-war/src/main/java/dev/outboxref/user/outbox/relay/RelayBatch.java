package dev.outboxref.user.outbox.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The relay's decisions on one batch, apart from the database and the broker: which of the fetched
 * events go out, and which of them may be marked published once the broker has answered.
 *
 * <ul>
 *   <li>After a failure only each user's oldest event is sent, until a batch goes through: the
 *       producer keeps a key's order across its own retries, but when an older producer batch
 *       expires (broker away) a newer one of the same user may still be delivered, and the topic
 *       would show version 3 before version 2. One record in flight per user rules that out.
 *   <li>An event is marked only if the broker acknowledged it and no earlier event of its user in
 *       the batch failed: a later version is never marked while an earlier one still has to go.
 *   <li>One deadline for every acknowledgement of the batch, longer than the producer's {@code
 *       delivery.timeout.ms}, so nothing the relay gave up on can still be delivered later.
 * </ul>
 */
final class RelayBatch {

  /** What the decisions need of an outbox row: its place in the order and whose it is. */
  interface Event {
    Long id();

    UUID aggregateId();
  }

  /**
   * What the broker's answers allow.
   *
   * @param published the ids to mark published, in batch order
   * @param firstFailedId the first event of the batch that was not acknowledged; null if none
   * @param failure why it was not; null if every event was acknowledged
   */
  record Outcome(List<Long> published, Long firstFailedId, Throwable failure) {

    boolean failed() {
      return failure != null;
    }
  }

  private RelayBatch() {}

  /** The events to send: every fetched one, or after a failure each user's oldest only. */
  static <E extends Event> List<E> toSend(List<E> fetched, boolean afterFailure) {
    if (!afterFailure) {
      return fetched;
    }
    Set<UUID> seen = new HashSet<>();
    List<E> oldest = new ArrayList<>();
    for (E event : fetched) {
      if (seen.add(event.aggregateId())) {
        oldest.add(event);
      }
    }
    return oldest;
  }

  /**
   * Waits for each acknowledgement, all within {@code timeout} from now; per acknowledgement null
   * if the broker acknowledged, else why not (the producer's error, a {@link TimeoutException} past
   * the deadline, an {@link InterruptedException}).
   */
  static List<Throwable> awaitAcks(List<CompletableFuture<Void>> acks, Duration timeout) {
    return awaitAcks(acks, System.nanoTime() + timeout.toNanos());
  }

  /** As {@link #awaitAcks(List, Duration)}, with the deadline as a {@link System#nanoTime()}. */
  static List<Throwable> awaitAcks(List<CompletableFuture<Void>> acks, long deadline) {
    List<Throwable> errors = new ArrayList<>(acks.size());
    for (CompletableFuture<Void> ack : acks) {
      errors.add(awaitAck(ack, deadline));
    }
    return errors;
  }

  private static Throwable awaitAck(CompletableFuture<Void> ack, long deadlineNanos) {
    try {
      ack.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      return e;
    }
  }

  /**
   * Which of the sent events may be marked: those acknowledged with no earlier failure of their
   * user in the batch.
   *
   * @param errors one per sent event, as {@link #awaitAcks} returns them
   */
  static Outcome outcome(List<? extends Event> sent, List<Throwable> errors) {
    return outcome(sent, errors, new HashSet<>());
  }

  /**
   * As {@link #outcome(List, List)}, for a batch sent after others still unmarked: {@code blocked}
   * holds the users whose earlier events failed, and gains this batch's failed users.
   */
  static Outcome outcome(List<? extends Event> sent, List<Throwable> errors, Set<UUID> blocked) {
    List<Long> published = new ArrayList<>(sent.size());
    Long firstFailedId = null;
    Throwable failure = null;
    for (int i = 0; i < sent.size(); i++) {
      Event event = sent.get(i);
      Throwable error = errors.get(i);
      if (error != null) {
        blocked.add(event.aggregateId());
        if (failure == null) {
          firstFailedId = event.id();
          failure = error;
        }
      } else if (!blocked.contains(event.aggregateId())) {
        published.add(event.id());
      }
    }
    return new Outcome(published, firstFailedId, failure);
  }

  /** A full fetch, or events held back for their user, means more is waiting: go on at once. */
  static boolean moreWaiting(int fetched, int sent, int batchSize) {
    return fetched == batchSize || sent < fetched;
  }
}

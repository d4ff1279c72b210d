package dev.outboxref.post.replica.consumer;

import dev.outboxref.platform.retry.Backoff;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * Where one Kafka consumer goes on in each partition it owns: postdb's stored next offset, read on
 * assignment and moved by each applied batch. Partitions come and go with the group's members; a
 * partition whose position cannot be read (the database is away) stays paused and is positioned
 * again after a backoff; a failed batch pauses every partition and goes back to the stored
 * positions. Plain Java over Kafka's {@link Consumer} interface, used on the consumer's thread
 * only, so it is unit-tested without a broker or a database.
 */
final class ConsumerPositions implements ConsumerRebalanceListener {

  // the consumer's log: its lines about positions read as the consumer's, as before the split
  private static final Logger LOG = Logger.getLogger(UserEventConsumer.class.getName());

  /** Reads the stored positions, storing {@code initial}'s for partitions without one first. */
  interface Store {
    Map<TopicPartition, Long> positions(
        Collection<TopicPartition> partitions, Map<TopicPartition, Long> initial) throws Exception;
  }

  /** What the consumer's health and metrics learn of the assignment and of failures. */
  interface Events {
    void assigned(Set<TopicPartition> assignment, Collection<TopicPartition> added);

    void revoked(Set<TopicPartition> kept, Collection<TopicPartition> revoked);

    void failed(String reason);
  }

  private final Consumer<String, byte[]> kafka;
  private final Store store;
  private final Backoff backoff;
  private final Events events;
  private final LongSupplier nanoTime;

  /** Each owned partition's next offset as stored in postdb: where its next batch must start. */
  private final Map<TopicPartition, Long> positions = new HashMap<>();

  /** Partitions assigned but not positioned yet (the database was away at assignment). */
  private final Set<TopicPartition> unpositioned = new HashSet<>();

  private long resumeAtNanos;
  private boolean paused;

  ConsumerPositions(
      Consumer<String, byte[]> kafka,
      Store store,
      Backoff backoff,
      Events events,
      LongSupplier nanoTime) {
    this.kafka = kafka;
    this.store = store;
    this.backoff = backoff;
    this.events = events;
    this.nanoTime = nanoTime;
  }

  /** Before each poll: positions what could not be positioned, resumes after a pause, when due. */
  void beforePoll() {
    if (!unpositioned.isEmpty() && nanoTime.getAsLong() >= resumeAtNanos) {
      position(Set.copyOf(unpositioned));
    }
    if (paused && nanoTime.getAsLong() >= resumeAtNanos) {
      resume();
    }
  }

  /** The stored positions a batch must find to move them: a copy, for the batch's transaction. */
  Map<TopicPartition, Long> expected() {
    return Map.copyOf(positions);
  }

  /** True while a partition waits for its position or the partitions are paused after a failure. */
  boolean waiting() {
    return !unpositioned.isEmpty() || paused;
  }

  /** A batch committed: its partitions go on from its next offsets. */
  void committed(Map<TopicPartition, Long> nextOffsets) {
    positions.putAll(nextOffsets);
  }

  /**
   * Another consumer moved the stored positions of {@code moved}: they are positioned again from
   * postdb (at once), and the other partitions of the rolled-back batch are read again.
   */
  void conflict(Set<TopicPartition> moved) {
    moved.forEach(positions::remove);
    Set<TopicPartition> owned = new HashSet<>(moved);
    owned.retainAll(kafka.assignment());
    unpositioned.addAll(owned);
    kafka.pause(owned);
    positions.forEach(kafka::seek);
    resumeAtNanos = nanoTime.getAsLong();
  }

  /**
   * A batch failed: every partition goes back to its stored position and is paused (the consumer
   * keeps polling, so it stays in its group) until the returned backoff has passed.
   *
   * @return the backoff in milliseconds
   */
  long failed(String reason) {
    long wait = backoff.next();
    events.failed(reason);
    positions.forEach(kafka::seek);
    kafka.pause(kafka.assignment());
    paused = true;
    resumeAtNanos = nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(wait);
    return wait;
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    // batches are applied on this thread between polls: nothing is in flight to finish
    partitions.forEach(positions::remove);
    unpositioned.removeAll(partitions);
    Set<TopicPartition> kept = new HashSet<>(kafka.assignment());
    kept.removeAll(partitions);
    events.revoked(kept, partitions);
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    events.assigned(kafka.assignment(), partitions);
    if (paused) {
      kafka.pause(partitions);
    }
    position(partitions);
    LOG.info("Replica consumer assigned " + partitions + " at " + positions);
  }

  private void resume() {
    Set<TopicPartition> ready = new HashSet<>(kafka.assignment());
    ready.removeAll(unpositioned);
    kafka.resume(ready);
    paused = false;
  }

  /** Seeks each partition to its stored position; without one, stores where Kafka would start. */
  private void position(Collection<TopicPartition> partitions) {
    Set<TopicPartition> owned = new HashSet<>(partitions);
    owned.retainAll(kafka.assignment());
    unpositioned.retainAll(kafka.assignment());
    if (owned.isEmpty()) {
      return;
    }
    try {
      Map<TopicPartition, Long> stored = store.positions(owned, Map.of());
      Map<TopicPartition, Long> initial = new HashMap<>();
      for (TopicPartition tp : owned) {
        if (!stored.containsKey(tp)) {
          // first run: Kafka's committed offset of the group, else the earliest (auto.offset.reset)
          initial.put(tp, kafka.position(tp));
        }
      }
      if (!initial.isEmpty()) {
        stored = store.positions(owned, initial);
      }
      stored.forEach(kafka::seek);
      positions.putAll(stored);
      unpositioned.removeAll(stored.keySet());
      if (!paused) {
        kafka.resume(stored.keySet());
      }
    } catch (Exception e) {
      long wait = backoff.next();
      events.failed(FailureKind.rootMessage(e));
      LOG.warning("Cannot read the positions of " + owned + ", retrying in " + wait + " ms: " + e);
      unpositioned.addAll(owned);
      kafka.pause(owned);
      resumeAtNanos = nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(wait);
    }
  }
}

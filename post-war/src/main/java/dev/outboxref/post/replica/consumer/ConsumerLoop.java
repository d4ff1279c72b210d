package dev.outboxref.post.replica.consumer;

import dev.outboxref.platform.retry.Backoff;
import dev.outboxref.post.replica.PositionConflict;
import dev.outboxref.post.replica.ReplicaBatchStore;
import dev.outboxref.post.replica.ReplicaChange;
import dev.outboxref.post.replica.ReplicaOffsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One Kafka consumer's poll loop, from its subscription until it fails or the service stops: each
 * poll batch is planned ({@link BatchPlan}), applied ({@link BatchApplier}) where the stored
 * positions say ({@link ConsumerPositions}) and accounted for (progress, spans, metrics, logs and
 * Kafka's monitoring offsets); a failed batch pauses the partitions or positions them again. Runs
 * on the consumer's thread only; {@link UserEventConsumer} opens a new one after a failure.
 */
final class ConsumerLoop {

  // the consumer's log: its lines read as the consumer's, as before the loop had a class of its own
  private static final Logger LOG = Logger.getLogger(UserEventConsumer.class.getName());
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<String, byte[]> kafka;
  private final ReplicaBatchStore store;
  private final ConsumerMetrics metrics;
  private final ConsumerTracing tracing;
  private final ConsumerProgress progress;
  private final Backoff backoff;
  private final ConsumerPositions positions;

  ConsumerLoop(
      KafkaConsumer<String, byte[]> kafka,
      ReplicaBatchStore store,
      ReplicaOffsets offsets,
      ConsumerMetrics metrics,
      ConsumerTracing tracing,
      ConsumerProgress progress,
      Backoff backoff) {
    this.kafka = kafka;
    this.store = store;
    this.metrics = metrics;
    this.tracing = tracing;
    this.progress = progress;
    this.backoff = backoff;
    this.positions =
        new ConsumerPositions(kafka, offsets::positions, backoff, new Events(), System::nanoTime);
  }

  /** Subscribes to the topic and polls until {@code running} turns false or a failure is thrown. */
  void run(String topic, BooleanSupplier running) {
    kafka.subscribe(List.of(topic), positions);
    while (running.getAsBoolean()) {
      positions.beforePoll();
      ConsumerRecords<String, byte[]> records = kafka.poll(POLL);
      observeLag(positions.waiting(), records.isEmpty());
      if (!records.isEmpty()) {
        apply(records);
      }
    }
  }

  private void apply(ConsumerRecords<String, byte[]> records) {
    BatchPlan plan = BatchPlan.of(records);
    long start = System.nanoTime();
    try {
      new BatchApplier(
              batch ->
                  store.commit(
                      changes(batch), parked(batch), batch.nextOffsets(), positions.expected()),
              (batch, applied, started) -> committed(batch, applied, started))
          .apply(plan);
      metrics.batch(plan.size(), Duration.ofNanos(System.nanoTime() - start));
      backoff.reset();
    } catch (Exception e) {
      handleFailure(e);
    }
  }

  private static List<ReplicaChange> changes(BatchPlan plan) {
    return plan.changes().stream().map(BatchPlan.Change::change).toList();
  }

  private static List<ReplicaBatchStore.Parked> parked(BatchPlan plan) {
    return plan.poison().stream()
        .map(p -> new ReplicaBatchStore.Parked(p.record(), p.reason()))
        .toList();
  }

  /** After the transaction: positions, metrics, spans, logs, and Kafka's (monitoring) offsets. */
  private void committed(BatchPlan plan, Set<UUID> applied, Instant started) {
    positions.committed(plan.nextOffsets());
    progress.applied();
    Instant visible = Instant.now();
    tracing.processed(plan, applied, started, visible);
    metrics.committed(plan, applied, visible);
    for (BatchPlan.Poison poison : plan.poison()) {
      LOG.warning("Parked " + describe(poison.record()) + ": " + poison.reason());
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    plan.nextOffsets().forEach((tp, next) -> offsets.put(tp, new OffsetAndMetadata(next)));
    kafka.commitAsync(
        offsets,
        (done, e) -> {
          if (e != null) {
            LOG.fine("Kafka offset commit failed (postdb holds the position): " + e);
          }
        });
  }

  private void handleFailure(Exception e) {
    if (FailureKind.of(e) == FailureKind.POSITION_CONFLICT) {
      LOG.warning(e.getMessage() + "; positioning again from postdb");
      positions.conflict(((PositionConflict) rootOf(e, PositionConflict.class)).partitions());
      return;
    }
    String reason = FailureKind.rootMessage(e);
    long wait = positions.failed(reason);
    LOG.warning("Cannot apply a batch, pausing the partitions for " + wait + " ms: " + reason);
  }

  private void observeLag(boolean waiting, boolean nothingPolled) {
    boolean behind = waiting;
    for (TopicPartition tp : kafka.assignment()) {
      var lag = kafka.currentLag(tp);
      if (lag.isPresent()) {
        progress.lag(tp, lag.getAsLong());
        behind |= lag.getAsLong() > 0;
      } else {
        behind = true;
      }
    }
    if (nothingPolled && !behind) {
      progress.caughtUp();
    }
  }

  /** What the consumer's health and metrics learn from its positions. */
  private final class Events implements ConsumerPositions.Events {
    @Override
    public void assigned(Set<TopicPartition> assignment, Collection<TopicPartition> added) {
      progress.assigned(assignment);
      metrics.assigned(added, progress);
    }

    @Override
    public void revoked(Set<TopicPartition> kept, Collection<TopicPartition> revoked) {
      progress.assigned(kept);
      metrics.unassigned(revoked);
    }

    @Override
    public void failed(String reason) {
      progress.failed(reason);
    }
  }

  private static Throwable rootOf(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return e;
  }

  private static String describe(ConsumerRecord<String, byte[]> record) {
    return record.topic()
        + "-"
        + record.partition()
        + "@"
        + record.offset()
        + " (key "
        + record.key()
        + ")";
  }
}

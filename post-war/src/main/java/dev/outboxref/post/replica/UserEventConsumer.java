package dev.outboxref.post.replica;

import dev.outboxref.platform.kafka.KafkaClientProperties;
import dev.outboxref.platform.retry.Backoff;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Feeds the replica from topic {@code user-events} with the Kafka consumer API on a managed thread.
 * Each poll batch is applied in one database transaction ({@link ReplicaBatchStore}) together with
 * each partition's next offset, and on assignment the consumer seeks to the stored offsets: the
 * database, not Kafka, says where to go on, so nothing is skipped or applied twice across crashes,
 * rebalances and broker outages. Kafka offsets are committed afterwards only for monitoring tools.
 *
 * <p>The loop never ends while the application runs: poison records are parked in the batch's
 * transaction; a record the database refuses is isolated and parked ({@link BatchApplier}); while
 * the database is away the partitions are paused (the consumer keeps polling, so it stays in its
 * group) and resumed after a backoff; any other failure closes the consumer and opens a new one.
 * The watchdog ({@link ConsumerWatchdog}) reports a consumer that stops making progress anyway.
 */
@ApplicationScoped
public class UserEventConsumer {

  private static final Logger LOG = Logger.getLogger(UserEventConsumer.class.getName());
  private static final Duration POLL = Duration.ofMillis(100);

  @Inject ReplicaBatchStore store;
  @Inject ReplicaMetrics metrics;
  @Inject ConsumerTracing tracing;
  @Inject ConsumerProgress progress;
  @Inject Config config;

  @Resource ManagedExecutorService executor;

  @Inject
  @ConfigProperty(name = "replica.consumer.topic", defaultValue = "user-events")
  String topic;

  @Inject
  @ConfigProperty(name = "replica.consumer.group-id", defaultValue = "post-service")
  String groupId;

  @Inject
  @ConfigProperty(name = "replica.consumer.max-poll-records", defaultValue = "500")
  int maxPollRecords;

  @Inject
  @ConfigProperty(name = "replica.retry.backoff.initial-ms", defaultValue = "100")
  long backoffInitialMs;

  @Inject
  @ConfigProperty(name = "replica.retry.backoff.max-ms", defaultValue = "5000")
  long backoffMaxMs;

  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private CompletableFuture<?> loop;

  /** Each owned partition's next offset as stored in postdb: where its next batch must start. */
  private final Map<TopicPartition, Long> positions = new HashMap<>();

  /** Partitions assigned but not positioned yet (the database was away at assignment). */
  private final Set<TopicPartition> unpositioned = new HashSet<>();

  private Backoff backoff;
  private long resumeAtNanos;
  private boolean paused;

  void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) Startup startup) {
    running = true;
    backoff = new Backoff(backoffInitialMs, backoffMaxMs);
    loop = CompletableFuture.runAsync(this::run, executor);
    LOG.info("Replica consumer started: topic " + topic + ", group " + groupId);
  }

  private void run() {
    Backoff restarts = new Backoff(backoffInitialMs, backoffMaxMs);
    while (running) {
      try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties())) {
        consumer = kafka;
        kafka.subscribe(List.of(topic), new Rebalance(kafka));
        consume(kafka);
      } catch (WakeupException e) {
        // stop() woke the consumer up
      } catch (RuntimeException e) {
        if (running) {
          long wait = restarts.next();
          progress.failed(e.toString());
          LOG.log(Level.SEVERE, "Replica consumer failed, opening a new one in " + wait + " ms", e);
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(wait));
        }
      } finally {
        consumer = null;
        positions.clear();
        unpositioned.clear();
        paused = false;
        progress.assigned(Set.of());
      }
    }
  }

  private void consume(KafkaConsumer<String, byte[]> kafka) {
    while (running) {
      if (!unpositioned.isEmpty() && System.nanoTime() >= resumeAtNanos) {
        position(kafka, Set.copyOf(unpositioned));
      }
      if (paused && System.nanoTime() >= resumeAtNanos) {
        resume(kafka);
      }
      ConsumerRecords<String, byte[]> records = kafka.poll(POLL);
      observeLag(kafka, records.isEmpty());
      if (!records.isEmpty()) {
        apply(kafka, records);
      }
    }
  }

  private void apply(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
    BatchPlan plan = BatchPlan.of(records);
    long start = System.nanoTime();
    try {
      new BatchApplier(
              batch -> store.commit(batch, positions),
              (batch, applied, started) -> committed(kafka, batch, applied, started))
          .apply(plan);
      metrics.batch(plan.size(), Duration.ofNanos(System.nanoTime() - start));
      backoff.reset();
    } catch (Exception e) {
      handleFailure(kafka, e);
    }
  }

  /** After the transaction: positions, metrics, spans, logs, and Kafka's (monitoring) offsets. */
  private void committed(
      KafkaConsumer<String, byte[]> kafka, BatchPlan plan, Set<UUID> applied, Instant started) {
    positions.putAll(plan.nextOffsets());
    progress.applied();
    Instant visible = Instant.now();
    tracing.processed(plan, applied, started, visible);
    for (BatchPlan.Change change : plan.changes()) {
      boolean wasApplied = applied.contains(change.change().userId());
      metrics.consumed(wasApplied, change.change().occurredAt());
      if (wasApplied) {
        SourceCommitTime.of(change.record())
            .ifPresent(at -> metrics.fresh(SourceCommitTime.freshness(at, visible)));
      }
    }
    metrics.superseded(plan.superseded());
    for (BatchPlan.Poison poison : plan.poison()) {
      metrics.parked();
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

  private void handleFailure(KafkaConsumer<String, byte[]> kafka, Exception e) {
    if (FailureKind.of(e) == FailureKind.POSITION_CONFLICT) {
      Set<TopicPartition> moved =
          ((PositionConflict) rootOf(e, PositionConflict.class)).partitions();
      LOG.warning(e.getMessage() + "; positioning again from postdb");
      moved.forEach(positions::remove);
      Set<TopicPartition> owned = new HashSet<>(moved);
      owned.retainAll(kafka.assignment());
      unpositioned.addAll(owned);
      kafka.pause(owned);
      // the rolled-back batch held records of the other partitions too: read them again
      positions.forEach(kafka::seek);
      resumeAtNanos = System.nanoTime();
      return;
    }
    long wait = backoff.next();
    String reason = FailureKind.rootMessage(e);
    progress.failed(reason);
    LOG.warning("Cannot apply a batch, pausing the partitions for " + wait + " ms: " + reason);
    // go back to the stored positions: the records after them come again after the pause
    positions.forEach(kafka::seek);
    kafka.pause(kafka.assignment());
    paused = true;
    resumeAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
  }

  private void resume(KafkaConsumer<String, byte[]> kafka) {
    Set<TopicPartition> ready = new HashSet<>(kafka.assignment());
    ready.removeAll(unpositioned);
    kafka.resume(ready);
    paused = false;
  }

  /** Seeks each partition to its stored position; without one, stores where Kafka would start. */
  private void position(
      KafkaConsumer<String, byte[]> kafka, Collection<TopicPartition> partitions) {
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
      progress.failed(FailureKind.rootMessage(e));
      LOG.warning("Cannot read the positions of " + owned + ", retrying in " + wait + " ms: " + e);
      unpositioned.addAll(owned);
      kafka.pause(owned);
      resumeAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
    }
  }

  private void observeLag(KafkaConsumer<String, byte[]> kafka, boolean nothingPolled) {
    boolean behind = !unpositioned.isEmpty() || paused;
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

  /** Partitions come and go with the group's members; postdb says where each one goes on. */
  private final class Rebalance implements ConsumerRebalanceListener {
    private final KafkaConsumer<String, byte[]> kafka;

    Rebalance(KafkaConsumer<String, byte[]> kafka) {
      this.kafka = kafka;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // batches are applied on this thread between polls: nothing is in flight to finish
      partitions.forEach(positions::remove);
      unpositioned.removeAll(partitions);
      Set<TopicPartition> kept = new HashSet<>(kafka.assignment());
      kept.removeAll(partitions);
      progress.assigned(kept);
      metrics.unassigned(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      progress.assigned(kafka.assignment());
      metrics.assigned(partitions, progress);
      if (paused) {
        kafka.pause(partitions);
      }
      position(kafka, partitions);
      LOG.info("Replica consumer assigned " + partitions + " at " + positions);
    }
  }

  private Properties consumerProperties() {
    Properties props =
        KafkaClientProperties.forConsumer(
            config.getPropertyNames(),
            name -> config.getOptionalValue(name, String.class).orElse(null));
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "replica-" + groupId);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
    // a killed instance holds its partitions until its session times out (Kafka's default 45 s)
    props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
    props.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
    // a blocking call (position) gives up while the broker is away instead of after 60 s
    props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    return props;
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

  @PreDestroy
  void stop() {
    running = false;
    KafkaConsumer<String, byte[]> kafka = consumer;
    if (kafka != null) {
      kafka.wakeup();
    }
    if (loop != null) {
      try {
        loop.get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warning("The replica consumer did not stop within 15 s: " + e);
      }
    }
  }
}

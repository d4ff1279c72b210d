package dev.outboxref.post.replica.consumer;

import dev.outboxref.platform.kafka.KafkaClientProperties;
import dev.outboxref.platform.retry.Backoff;
import dev.outboxref.post.replica.ReplicaBatchStore;
import dev.outboxref.post.replica.ReplicaOffsets;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Feeds the replica from topic {@code user-events} with the Kafka consumer API on a managed thread,
 * one consumer at a time, each running a {@link ConsumerLoop}. Each poll batch is applied in one
 * database transaction ({@link ReplicaBatchStore}) together with each partition's next offset, and
 * on assignment the consumer seeks to the stored offsets: the database, not Kafka, says where to go
 * on ({@link ConsumerPositions}), so nothing is skipped or applied twice across crashes, rebalances
 * and broker outages. Kafka offsets are committed afterwards only for monitoring tools.
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

  @Inject ReplicaBatchStore store;
  @Inject ReplicaOffsets replicaOffsets;
  @Inject ConsumerMetrics metrics;
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
  private Backoff backoff;

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
        new ConsumerLoop(kafka, store, replicaOffsets, metrics, tracing, progress, backoff)
            .run(topic, () -> running);
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
        progress.assigned(Set.of());
      }
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

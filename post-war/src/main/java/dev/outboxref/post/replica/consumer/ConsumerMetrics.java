package dev.outboxref.post.replica.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.Metric;

/**
 * The replica's feed as Prometheus sees it at {@code /metrics}: {@code replica_lag_seconds} (a
 * histogram of now minus the applied event's occurred-at, buckets in
 * microprofile-config.properties), {@code replica_freshness_seconds} (a histogram of the replica's
 * commit minus the source's commit), {@code replica_events_applied_total}, {@code
 * replica_events_stale_total} (replays of parked events count there too), {@code
 * replica_events_parked_total}, and of the consumer: {@code replica_consumer_lag{partition}},
 * {@code replica_batch_size} and {@code replica_batch_apply_seconds} (histograms). The gauge {@code
 * replica_parked_events} is the parking lot's ({@code ParkedEventsGauge}).
 */
@ApplicationScoped
public class ConsumerMetrics {

  @Inject
  @Metric(
      name = "replica.lag",
      absolute = true,
      description = "Time from the user change (event occurred_at) to its replica update")
  Timer lag;

  @Inject
  @Metric(
      name = "replica.freshness",
      absolute = true,
      description =
          "Time from the source's commit of a change (its outbox row) to the replica's commit of it")
  Timer freshness;

  @Inject
  @Metric(
      name = "replica.events.applied",
      absolute = true,
      description = "Events applied to the replica (newer than its version)")
  Counter applied;

  @Inject
  @Metric(
      name = "replica.events.stale",
      absolute = true,
      description = "Events ignored because the replica already had that version or a newer one")
  Counter stale;

  @Inject
  @Metric(
      name = "replica.events.parked",
      absolute = true,
      description = "Poison events parked (undecodable, unknown type or invalid)")
  Counter parked;

  @Inject
  @Metric(
      name = "replica.batch.size",
      absolute = true,
      description = "Records per poll batch applied in one transaction")
  Histogram batchSize;

  @Inject
  @Metric(
      name = "replica.batch.apply",
      absolute = true,
      description = "Time to apply one poll batch (its database transaction and bookkeeping)")
  Timer batchApply;

  @Inject MetricRegistry registry;

  /** What a committed plan counts: its changes applied or stale, and its records parked. */
  void committed(BatchPlan plan, Set<UUID> appliedUsers, Instant visible) {
    for (BatchPlan.Change change : plan.changes()) {
      if (appliedUsers.contains(change.change().userId())) {
        applied.inc();
        Duration behind = Duration.between(change.change().occurredAt(), Instant.now());
        lag.update(behind.isNegative() ? Duration.ZERO : behind);
        SourceCommitTime.of(change.record())
            .ifPresent(at -> freshness.update(SourceCommitTime.freshness(at, visible)));
      } else {
        stale.inc();
      }
    }
    // changes dropped for a newer one of the same user in the same batch count as stale
    stale.inc(plan.superseded());
    parked.inc(plan.poison().size());
  }

  void batch(int records, Duration took) {
    batchSize.update(records);
    batchApply.update(took);
  }

  /** {@code replica_consumer_lag{partition="n"}}: records waiting, as the consumer sees it. */
  void assigned(Collection<TopicPartition> partitions, ConsumerProgress progress) {
    for (TopicPartition tp : partitions) {
      MetricID id = lagId(tp);
      if (!registry.getGauges().containsKey(id)) {
        registry.gauge(
            Metadata.builder()
                .withName(id.getName())
                .withDescription("Records waiting in a partition assigned to this instance")
                .build(),
            progress,
            p -> p.lag(tp),
            id.getTagsAsArray());
      }
    }
  }

  void unassigned(Collection<TopicPartition> partitions) {
    partitions.forEach(tp -> registry.remove(lagId(tp)));
  }

  private static MetricID lagId(TopicPartition tp) {
    return new MetricID(
        "replica.consumer.lag", new Tag("partition", Integer.toString(tp.partition())));
  }

  /** A parked event replayed: applied, or stale (not newer than the replica). */
  public void replayed(boolean wasApplied) {
    (wasApplied ? applied : stale).inc();
  }
}

package dev.outboxref.user.outbox.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/**
 * The outbox as Prometheus sees it at {@code /metrics}: {@code outbox_backlog}, {@code
 * outbox_oldest_unpublished_age_seconds}, {@code outbox_relay_leader}, next to the counters {@code
 * outbox_published_total} and {@code outbox_publish_failures_total} of {@link RelayStatus}. The
 * backlog is read from the database at most once a second, however often it is scraped.
 */
@ApplicationScoped
public class RelayMetrics {

  private static final long CACHE_NANOS = 1_000_000_000L;

  @Inject OutboxBacklog outbox;
  @Inject RelayStatus status;

  private volatile OutboxBacklog.Size cached;
  private volatile long cachedAt;

  /** Gauges register when the bean is created: create it at start-up, not at the first scrape. */
  void register(@Observes Startup startup) {}

  @Gauge(
      name = "outbox.backlog",
      unit = MetricUnits.NONE,
      absolute = true,
      description =
          "Events in the outbox not yet acknowledged by Kafka (NaN while the database is unreachable)")
  public double backlog() {
    OutboxBacklog.Size backlog = currentBacklog();
    return backlog == null ? Double.NaN : backlog.events();
  }

  @Gauge(
      name = "outbox.oldest.unpublished.age",
      unit = MetricUnits.SECONDS,
      absolute = true,
      description = "Age of the oldest event not yet acknowledged by Kafka; 0 when there is none")
  public double oldestUnpublishedAge() {
    OutboxBacklog.Size backlog = currentBacklog();
    return backlog == null ? Double.NaN : backlog.oldestAge().toMillis() / 1000.0;
  }

  @Gauge(
      name = "outbox.relay.leader",
      unit = MetricUnits.NONE,
      absolute = true,
      description = "1 if this instance's relay holds the leader lock and publishes, else 0")
  public long leader() {
    return status.leader() ? 1 : 0;
  }

  /**
   * The backlog read at most a second ago (shared with the health check); null without a database.
   */
  OutboxBacklog.Size currentBacklog() {
    long now = System.nanoTime();
    if (cached == null || now - cachedAt > CACHE_NANOS) {
      try {
        cached = outbox.read();
      } catch (RuntimeException e) {
        cached = null;
      }
      cachedAt = now;
    }
    return cached;
  }
}

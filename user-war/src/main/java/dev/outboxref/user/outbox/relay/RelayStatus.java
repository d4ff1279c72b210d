package dev.outboxref.user.outbox.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

/** What the relay did last: read by the health check; counted for Prometheus. */
@ApplicationScoped
public class RelayStatus {

  @Inject
  @Metric(
      name = "outbox.published",
      absolute = true,
      description = "Events acknowledged by Kafka and marked published")
  Counter publishedCounter;

  @Inject
  @Metric(
      name = "outbox.publish.failures",
      absolute = true,
      description = "Relay attempts that failed (each retried with backoff)")
  Counter failureCounter;

  private volatile boolean leader;
  private volatile int consecutiveFailures;
  private volatile String lastError;

  void leader(boolean leader) {
    this.leader = leader;
  }

  void published(int count) {
    publishedCounter.inc(count);
    succeeded();
  }

  void idle() {
    succeeded();
  }

  private void succeeded() {
    consecutiveFailures = 0;
  }

  void failed(Throwable e) {
    failureCounter.inc();
    consecutiveFailures++;
    String first = e.toString().lines().findFirst().orElse("");
    lastError = first.length() > 200 ? first.substring(0, 200) + "..." : first;
  }

  boolean leader() {
    return leader;
  }

  /** Stalled: the last attempt failed, so events wait until the cause (typically Kafka) is gone. */
  boolean stalled() {
    return consecutiveFailures > 0;
  }

  long publishedTotal() {
    return publishedCounter.getCount();
  }

  int consecutiveFailures() {
    return consecutiveFailures;
  }

  String lastError() {
    return lastError;
  }
}

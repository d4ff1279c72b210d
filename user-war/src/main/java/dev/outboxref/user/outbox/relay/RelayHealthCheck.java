package dev.outboxref.user.outbox.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows the relay in the readiness report without gating readiness: writes keep working while the
 * relay is stalled (e.g. Kafka is down), the events wait in the outbox and go out when it returns.
 */
@Readiness
@ApplicationScoped
public class RelayHealthCheck implements HealthCheck {

  @Inject RelayStatus status;
  @Inject RelayMetrics metrics;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("outbox-relay")
            .up()
            .withData("leader", status.leader())
            .withData("stalled", status.stalled())
            .withData("consecutiveFailures", status.consecutiveFailures())
            .withData("published", status.publishedTotal());
    OutboxBacklog.Size backlog = metrics.currentBacklog();
    if (backlog == null) {
      response.withData("backlog", "unknown: database unavailable");
    } else {
      response
          .withData("backlog", backlog.events())
          .withData("oldestAgeMs", backlog.oldestAge().toMillis());
    }
    if (status.stalled()) {
      response.withData("lastError", status.lastError());
    }
    return response.build();
  }
}

package dev.outboxref.post.replica.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The replica consumer's health, twice with different bounds: not ready after {@code
 * replica.watchdog.ready-stall-seconds} without progress while records wait (traffic goes to other
 * instances), not live after {@code replica.watchdog.live-stall-seconds} (Kubernetes restarts it).
 */
public final class ConsumerHealth {

  private ConsumerHealth() {}

  /** {@code /health/ready}: check {@code replica-consumer}. */
  @Readiness
  @ApplicationScoped
  public static class Ready implements HealthCheck {
    @Inject ConsumerWatchdog watchdog;

    @Inject
    @ConfigProperty(name = "replica.watchdog.ready-stall-seconds", defaultValue = "30")
    long seconds;

    @Override
    public HealthCheckResponse call() {
      return watchdog.check("replica-consumer", Duration.ofSeconds(seconds));
    }
  }

  /** {@code /health/live}: check {@code replica-consumer-alive}. */
  @Liveness
  @ApplicationScoped
  public static class Live implements HealthCheck {
    @Inject ConsumerWatchdog watchdog;

    @Inject
    @ConfigProperty(name = "replica.watchdog.live-stall-seconds", defaultValue = "120")
    long seconds;

    @Override
    public HealthCheckResponse call() {
      return watchdog.check("replica-consumer-alive", Duration.ofSeconds(seconds));
    }
  }
}

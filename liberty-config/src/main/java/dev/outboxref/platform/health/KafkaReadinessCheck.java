package dev.outboxref.platform.health;

import dev.outboxref.platform.kafka.KafkaConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports whether the Kafka broker answers. With {@code health.kafka.required=true} an unreachable
 * broker makes the service not ready; with {@code false} the check stays UP and says {@code
 * reachable=false}, for a service that keeps doing its job while Kafka is away (the user service
 * keeps taking writes into its outbox).
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

  @Inject KafkaConnection kafka;

  @Inject
  @ConfigProperty(name = "health.kafka.required", defaultValue = "true")
  boolean required;

  @Override
  public HealthCheckResponse call() {
    try {
      String clusterId = kafka.clusterId();
      return HealthCheckResponse.named("kafka")
          .up()
          .withData("reachable", true)
          .withData("clusterId", clusterId)
          .build();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return HealthCheckResponse.named("kafka")
          .status(!required)
          .withData("reachable", false)
          .withData("required", required)
          .withData("error", reason(e))
          .build();
    }
  }

  /**
   * The root cause, e.g. "SaslAuthenticationException: Authentication failed ... invalid
   * credentials".
   */
  static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
    String reason = root.getClass().getSimpleName() + message;
    return reason.length() > 300 ? reason.substring(0, 300) + "..." : reason;
  }
}

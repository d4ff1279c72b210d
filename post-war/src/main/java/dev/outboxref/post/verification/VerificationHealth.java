package dev.outboxref.post.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}, check {@code replica-verification}: the last complete pass. Always UP: a
 * replica that differs is repaired, not taken out of service, and a verification that does not run
 * (the user service away) must not take the post service's API down with it; the alerts watch both
 * (docs/architecture.md).
 */
@Readiness
@ApplicationScoped
public class VerificationHealth implements HealthCheck {

  @Inject ReplicaVerification verification;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder answer = HealthCheckResponse.named("replica-verification").up();
    try {
      verification
          .lastPass()
          .ifPresentOrElse(
              pass ->
                  answer
                      .withData("lastPassAt", pass.at().toString())
                      .withData("lastPassMillis", pass.millis())
                      .withData("lastPassDivergent", pass.divergent())
                      .withData("lastPassRepaired", pass.repaired()),
              () -> answer.withData("lastPassAt", "none yet"));
    } catch (RuntimeException e) {
      answer.withData("error", "the database did not answer: " + e.getClass().getSimpleName());
    }
    return answer.build();
  }
}

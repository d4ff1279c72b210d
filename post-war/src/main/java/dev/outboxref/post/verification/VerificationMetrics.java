package dev.outboxref.post.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;
import org.eclipse.microprofile.metrics.annotation.Metric;

/**
 * The verification as Prometheus sees it: {@code replica_verification_divergent_users_total} and
 * {@code replica_verification_repaired_users_total} (counted by the instance that ran the pass),
 * {@code replica_verification_last_complete_pass_timestamp_seconds} and {@code
 * replica_verification_pass_seconds} (the last complete pass of any instance, from the database;
 * NaN while it is unreachable).
 */
@ApplicationScoped
public class VerificationMetrics {

  @Inject
  @Metric(
      name = "replica.verification.divergent.users",
      absolute = true,
      description = "Users found to differ from the user service, confirmed after the grace period")
  Counter divergent;

  @Inject
  @Metric(
      name = "replica.verification.repaired.users",
      absolute = true,
      description = "Replica rows the verification repaired")
  Counter repaired;

  @Inject VerificationLedger ledger;

  /** Gauges register when the bean is created: create it at start-up, not at the first scrape. */
  void register(@Observes Startup startup) {}

  void passed(ReplicaVerification.Report report) {
    divergent.inc(report.divergent());
    repaired.inc(report.repaired());
  }

  @Gauge(
      name = "replica.verification.last.complete.pass.timestamp",
      unit = MetricUnits.SECONDS,
      absolute = true,
      description =
          "When the last complete verification pass ended (Unix time; 0 before the first)")
  public double lastCompletePass() {
    try {
      return ledger.lastPass().map(pass -> pass.at().toEpochMilli() / 1000.0).orElse(0.0);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  @Gauge(
      name = "replica.verification.pass",
      unit = MetricUnits.SECONDS,
      absolute = true,
      description = "Duration of the last complete verification pass, pauses included")
  public double lastPassSeconds() {
    try {
      return ledger.lastPass().map(pass -> pass.millis() / 1000.0).orElse(Double.NaN);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}

package dev.outboxref.post.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One verification pass: search the users on which the replica may differ from the user service
 * ({@link Verifier}), give the live stream {@code replica.verification.grace-seconds} to deliver
 * what was merely in flight, then confirm and repair what still differs ({@link ReplicaRepair}).
 * Only the instance holding the lease in {@link VerificationLedger} runs a pass; the work is paced
 * to {@code replica.verification.max-share} of the time.
 */
@ApplicationScoped
public class ReplicaVerification {

  /** What a pass did. */
  public record Report(
      boolean ran,
      int candidates,
      int divergent,
      int repaired,
      int bucketsRead,
      int usersRead,
      long bytesFromSource,
      long millis,
      long workMillis) {

    static Report skipped() {
      return new Report(false, 0, 0, 0, 0, 0, 0, 0, 0);
    }
  }

  private static final Logger LOG = Logger.getLogger(ReplicaVerification.class.getName());

  /** A differing bucket of up to this many users is compared user by user. */
  static final int LIST_UP_TO = 2_000;

  /** A pass is running now, in this instance or another. */
  public static class AlreadyRunning extends RuntimeException {
    AlreadyRunning() {
      super(
          "A verification pass is running now; its result comes in the next report.",
          null,
          false,
          false);
    }
  }

  private final String holder = "post-service-" + UUID.randomUUID();
  private final AtomicBoolean running = new AtomicBoolean();

  @Inject SourceDigests source;
  @Inject ReplicaDigests replica;
  @Inject ReplicaRepair repair;
  @Inject VerificationLedger ledger;
  @Inject VerificationMetrics metrics;

  @Inject
  @ConfigProperty(name = "replica.verification.interval-seconds", defaultValue = "60")
  long intervalSeconds;

  @Inject
  @ConfigProperty(name = "replica.verification.grace-seconds", defaultValue = "5")
  long graceSeconds;

  @Inject
  @ConfigProperty(name = "replica.verification.max-share", defaultValue = "0.1")
  double maxShare;

  @Inject
  @ConfigProperty(name = "replica.verification.lease-seconds", defaultValue = "120")
  long leaseSeconds;

  /**
   * Runs a pass if this instance gets the lease and the last pass is at least the interval old (or
   * {@code now}); else reports that it did not run.
   */
  public Report runIfDue(boolean now) {
    if (!running.compareAndSet(false, true)) {
      return Report.skipped();
    }
    try {
      return runHoldingGuard(now);
    } finally {
      running.set(false);
    }
  }

  /** Runs a pass now, whenever the last one was. */
  public Report runNow() {
    Report report = runIfDue(true);
    if (!report.ran()) {
      throw new AlreadyRunning();
    }
    return report;
  }

  private Report runHoldingGuard(boolean now) {
    Duration lease = Duration.ofSeconds(leaseSeconds);
    if (!ledger.take(holder, lease, Duration.ofSeconds(intervalSeconds), now)) {
      return Report.skipped();
    }
    boolean finished = false;
    try {
      Report report = pass(lease);
      ledger.finish(holder, report.millis(), report.divergent(), report.repaired());
      finished = true;
      metrics.passed(report);
      return report;
    } finally {
      if (!finished) {
        ledger.release(holder);
      }
    }
  }

  public Optional<VerificationLedger.LastPass> lastPass() {
    return ledger.lastPass();
  }

  private Report pass(Duration lease) {
    long start = System.nanoTime();
    long bytesBefore = source.bytesReceived();
    Pacer pacer = new Pacer(maxShare, System::nanoTime);
    long[] renewed = {start};
    Runnable betweenSteps =
        () -> {
          pacer.run();
          if (System.nanoTime() - renewed[0] > lease.toNanos() / 3) {
            ledger.take(holder, lease, Duration.ZERO, true);
            renewed[0] = System.nanoTime();
          }
        };
    Verifier.Search search = new Verifier(source, replica, LIST_UP_TO, betweenSteps).search();
    ReplicaRepair.Result result = new ReplicaRepair.Result(0, 0);
    if (!search.candidates().isEmpty()) {
      pacer.idle(Duration.ofSeconds(graceSeconds).toNanos());
      result = repair.repair(search.candidates(), betweenSteps);
    }
    long workMillis = Duration.ofNanos(System.nanoTime() - start - pacer.pausedNanos()).toMillis();
    Report report =
        new Report(
            true,
            search.candidates().size(),
            result.divergent(),
            result.repaired(),
            search.bucketsRead(),
            search.usersRead(),
            source.bytesReceived() - bytesBefore,
            Duration.ofNanos(System.nanoTime() - start).toMillis(),
            workMillis);
    LOG.fine(() -> "Replica verification pass: " + report);
    return report;
  }
}

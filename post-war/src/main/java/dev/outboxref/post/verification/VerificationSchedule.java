package dev.outboxref.post.verification;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs verification by itself: every {@code replica.verification.tick-seconds} each instance asks
 * for the lease, and the one that gets it runs a pass if the last one is at least {@code
 * replica.verification.interval-seconds} old. {@code replica.verification.enabled=false} turns it
 * off (the admin endpoint still runs a pass on demand).
 */
@ApplicationScoped
public class VerificationSchedule {

  private static final Logger LOG = Logger.getLogger(VerificationSchedule.class.getName());

  @Inject ReplicaVerification verification;

  @Inject
  @ConfigProperty(name = "replica.verification.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "replica.verification.tick-seconds", defaultValue = "5")
  long tickSeconds;

  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> ticks;

  void start(@Observes Startup startup) {
    if (enabled) {
      ticks =
          scheduler.scheduleWithFixedDelay(this::tick, tickSeconds, tickSeconds, TimeUnit.SECONDS);
    }
  }

  @PreDestroy
  void stop() {
    if (ticks != null) {
      ticks.cancel(true);
    }
  }

  private void tick() {
    try {
      verification.runIfDue(false);
    } catch (RuntimeException e) {
      // the user service or the database away: the next tick tries again
      LOG.log(Level.FINE, "Replica verification pass failed", e);
      LOG.info("Replica verification pass did not complete: " + e.getMessage());
    }
  }
}

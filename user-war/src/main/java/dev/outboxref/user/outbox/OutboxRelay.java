package dev.outboxref.user.outbox;

import dev.outboxref.platform.retry.Backoff;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes the outbox to Kafka: at least once, in order per user, nothing skipped.
 *
 * <p>One loop on a managed executor. It publishes only while this instance leads ({@link
 * RelayLeadership}); it takes the oldest unpublished events in id order, sends them, waits for the
 * broker's acknowledgements, and marks as published only what was acknowledged, and for each user
 * only up to that user's first failure, so a later version is never marked while an earlier one is
 * still to be sent ({@link RelayBatch} makes these decisions). A failure is retried with
 * exponential backoff and jitter. It wakes right after a commit that wrote to the outbox, and polls
 * as a safety net (a commit by another instance, a missed wake-up). It also applies the retention
 * rule.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

  @Inject OutboxStore store;
  @Inject KafkaPublisher publisher;
  @Inject RelayLeadership leadership;
  @Inject RelayStatus status;

  @Resource ManagedExecutorService executor;

  @Inject
  @ConfigProperty(name = "outbox.relay.batch-size", defaultValue = "500")
  int batchSize;

  @Inject
  @ConfigProperty(name = "outbox.relay.poll-interval-ms", defaultValue = "1000")
  long pollIntervalMs;

  @Inject
  @ConfigProperty(name = "outbox.relay.ack-timeout-ms", defaultValue = "45000")
  long ackTimeoutMs;

  @Inject
  @ConfigProperty(name = "outbox.relay.backoff.initial-ms", defaultValue = "200")
  long backoffInitialMs;

  @Inject
  @ConfigProperty(name = "outbox.relay.backoff.max-ms", defaultValue = "30000")
  long backoffMaxMs;

  @Inject
  @ConfigProperty(name = "outbox.retention-minutes", defaultValue = "60")
  long retentionMinutes;

  private final BlockingQueue<Boolean> wakeUps = new ArrayBlockingQueue<>(1);
  private volatile boolean running;
  private CompletableFuture<?> loop;
  private Instant nextCleanup = Instant.EPOCH;
  private Backoff backoff;

  void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) Startup startup) {
    running = true;
    backoff = new Backoff(backoffInitialMs, backoffMaxMs);
    loop = CompletableFuture.runAsync(this::run, executor);
    LOG.info("Outbox relay started");
  }

  /** A synchronization that wakes the relay when the transaction it is registered with commits. */
  public Synchronization wakeAfterCommit() {
    return new Synchronization() {
      @Override
      public void beforeCompletion() {}

      @Override
      public void afterCompletion(int outcome) {
        if (outcome == Status.STATUS_COMMITTED) {
          wakeUp();
        }
      }
    };
  }

  void wakeUp() {
    wakeUps.offer(Boolean.TRUE);
  }

  private void run() {
    int failures = 0;
    while (running) {
      try {
        boolean leader = leadership.lead();
        status.leader(leader);
        boolean moreWaiting = leader && publishBatch();
        failures = 0;
        backoff.reset();
        if (leader) {
          applyRetention();
        }
        if (!moreWaiting) {
          wakeUps.poll(pollIntervalMs, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        failures++;
        status.failed(e);
        long delay = backoff.next();
        LOG.log(
            Level.WARNING,
            "Outbox relay failed (" + failures + " in a row), retrying in " + delay + " ms: " + e,
            failures == 1 ? e : null);
        sleep(delay);
      }
    }
  }

  /**
   * Publishes one batch ({@link RelayBatch} decides what goes out and what is marked); true when
   * more events are waiting.
   */
  private boolean publishBatch() {
    List<OutboxEvent> fetched = store.nextBatch(batchSize);
    if (fetched.isEmpty()) {
      status.idle();
      return false;
    }
    List<OutboxEvent> batch = RelayBatch.toSend(fetched, status.stalled());
    List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
    for (OutboxEvent event : batch) {
      acks.add(publisher.send(event));
    }
    RelayBatch.Outcome outcome =
        RelayBatch.outcome(batch, RelayBatch.awaitAcks(acks, Duration.ofMillis(ackTimeoutMs)));
    store.markPublished(outcome.published(), Instant.now());
    status.published(outcome.published().size());
    if (outcome.failed()) {
      store.recordFailure(outcome.firstFailedId(), outcome.failure().toString());
      throw new PublishFailedException(outcome.summary(), outcome.failure());
    }
    return RelayBatch.moreWaiting(fetched.size(), batch.size(), batchSize);
  }

  private void applyRetention() {
    Instant now = Instant.now();
    if (now.isBefore(nextCleanup)) {
      return;
    }
    nextCleanup = now.plus(Duration.ofMinutes(1));
    Instant cutoff = now.minus(Duration.ofMinutes(retentionMinutes));
    int deleted;
    do {
      deleted = store.deletePublishedBefore(cutoff, 10_000);
    } while (deleted == 10_000 && running);
  }

  private void sleep(long ms) {
    try {
      Thread.sleep(ms); // backoff between retries, not synchronization
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @PreDestroy
  void stop() {
    running = false;
    wakeUp();
    if (loop != null) {
      try {
        loop.get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        loop.cancel(true);
      }
    }
    leadership.release();
  }

  /** Some events of a batch were not acknowledged by the broker. */
  static final class PublishFailedException extends RuntimeException {
    PublishFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

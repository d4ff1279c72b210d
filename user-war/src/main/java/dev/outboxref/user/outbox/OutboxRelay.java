package dev.outboxref.user.outbox;

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
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
 * still to be sent. A failure is retried with exponential backoff and jitter. It wakes right after
 * a commit that wrote to the outbox, and polls as a safety net (a commit by another instance, a
 * missed wake-up). It also applies the retention rule.
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

  void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) Startup startup) {
    running = true;
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
        int published = leader ? publishBatch() : 0;
        failures = 0;
        if (leader) {
          applyRetention();
        }
        if (published < batchSize) {
          wakeUps.poll(pollIntervalMs, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        failures++;
        status.failed(e);
        long delay = backoff(failures);
        LOG.log(
            Level.WARNING,
            "Outbox relay failed (" + failures + " in a row), retrying in " + delay + " ms: " + e,
            failures == 1 ? e : null);
        sleep(delay);
      }
    }
  }

  /**
   * Publishes one batch; returns the batch size when more events are waiting, else how many went
   * out.
   */
  private int publishBatch() {
    List<OutboxEvent> fetched = store.nextBatch(batchSize);
    if (fetched.isEmpty()) {
      status.idle();
      return 0;
    }
    // After a failure, send only each user's oldest event until a batch goes through: the producer
    // may fail an earlier record of a key yet deliver a later one (an older producer batch expires
    // first), and one record in flight per user is what rules that out.
    List<OutboxEvent> batch = status.stalled() ? oldestPerUser(fetched) : fetched;
    List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
    for (OutboxEvent event : batch) {
      acks.add(publisher.send(event));
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackTimeoutMs);
    List<Long> published = new ArrayList<>(batch.size());
    Set<UUID> blocked = new HashSet<>();
    OutboxEvent firstFailed = null;
    Throwable failure = null;
    for (int i = 0; i < batch.size(); i++) {
      OutboxEvent event = batch.get(i);
      Throwable error = awaitAck(acks.get(i), deadline);
      if (error == null && !blocked.contains(event.aggregateId())) {
        published.add(event.id());
      } else if (error != null) {
        blocked.add(event.aggregateId());
        if (firstFailed == null) {
          firstFailed = event;
          failure = error;
        }
      }
    }
    store.markPublished(published, Instant.now());
    status.published(published.size());
    if (firstFailed != null) {
      store.recordFailure(firstFailed.id(), failure.toString());
      throw new PublishFailedException(
          (batch.size() - published.size()) + " of " + batch.size() + " events not acknowledged",
          failure);
    }
    // a full fetch, or events held back for their user, means more is waiting: go on at once
    return fetched.size() == batchSize || batch.size() < fetched.size()
        ? batchSize
        : published.size();
  }

  private static List<OutboxEvent> oldestPerUser(List<OutboxEvent> events) {
    Set<UUID> seen = new HashSet<>();
    List<OutboxEvent> oldest = new ArrayList<>();
    for (OutboxEvent event : events) {
      if (seen.add(event.aggregateId())) {
        oldest.add(event);
      }
    }
    return oldest;
  }

  private static Throwable awaitAck(CompletableFuture<Void> ack, long deadlineNanos) {
    try {
      ack.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      return e;
    }
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

  /** Exponential backoff with full jitter in its upper half: initial * 2^(n-1), capped. */
  long backoff(int failures) {
    long ceiling = Math.min(backoffMaxMs, backoffInitialMs << Math.min(failures - 1, 20));
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
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

package dev.outboxref.user.outbox.relay;

import dev.outboxref.platform.retry.Backoff;
import dev.outboxref.user.outbox.AppendListener;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes the outbox to Kafka: at least once, in order per user, nothing skipped.
 *
 * <p>One loop on a managed executor. It publishes only while this instance leads ({@link
 * RelayLeadership}), and reads on the session that holds the lead; it takes the oldest unpublished
 * events in id order and sends them, and reads and sends the next ones while earlier ones still
 * wait for the broker's acknowledgements (up to {@code outbox.relay.max-in-flight} events). It
 * marks as published only what was acknowledged, in the order it was sent, and for each user only
 * up to that user's first failure, so a later version is never marked while an earlier one is still
 * to be sent ({@link RelayPipeline} and {@link RelayBatch} make these decisions). A failure is
 * retried with exponential backoff and jitter, one batch at a time. It wakes right after a commit
 * that wrote to the outbox and when a batch's acknowledgements are in, and polls as a safety net (a
 * commit by another instance, a missed wake-up).
 */
@ApplicationScoped
public class OutboxRelay implements AppendListener {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

  @Inject OutboxStore store;
  @Inject KafkaPublisher publisher;
  @Inject RelayLeadership leadership;
  @Inject RelayStatus status;

  @Resource ManagedExecutorService executor;

  /** Makes the thread that writes the marks apart from the loop. */
  @Resource ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "outbox.relay.batch-size", defaultValue = "1000")
  int batchSize;

  @Inject
  @ConfigProperty(name = "outbox.relay.max-in-flight", defaultValue = "4000")
  int maxInFlight;

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

  private final BlockingQueue<Boolean> wakeUps = new ArrayBlockingQueue<>(1);

  /** Something may have been committed to the outbox since the relay last read it. */
  private final AtomicBoolean committed = new AtomicBoolean(true);

  private volatile boolean running;
  private CompletableFuture<?> loop;
  private ExecutorService marks;
  private Backoff backoff;
  private RelayPipeline<PendingEvent> pipeline;

  void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) Startup startup) {
    running = true;
    backoff = new Backoff(backoffInitialMs, backoffMaxMs);
    // one thread of its own: marks never wait behind requests for a thread of the executor
    marks = Executors.newSingleThreadExecutor(threads);
    pipeline =
        new RelayPipeline<>(
            store,
            publisher,
            marks,
            batchSize,
            maxInFlight,
            Duration.ofMillis(ackTimeoutMs),
            this::wakeUp);
    loop = CompletableFuture.runAsync(this::run, executor);
    LOG.info("Outbox relay started");
  }

  /** A transaction that appended to the outbox has committed: read it at once. */
  @Override
  public void committed() {
    committed.set(true);
    wakeUp();
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
        if (!leader) {
          pipeline.forget(); // the next leader sends it again
          committed.set(true); // and reads everything once it leads
          wakeUps.poll(pollIntervalMs, TimeUnit.MILLISECONDS);
          continue;
        }
        RelayPipeline.Step step = pipeline.step(status.stalled(), committed.getAndSet(false));
        status.published(step.published());
        failures = 0;
        backoff.reset();
        if (!step.goOn() && wakeUps.poll(waitMs(step.maxWait()), TimeUnit.MILLISECONDS) == null) {
          committed.set(
              true); // the poll, the safety net: another instance's commit, a lost wake-up
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
    finishOnStop();
  }

  /** At most the poll interval (the safety net), less if the oldest batch in flight runs out. */
  private long waitMs(Duration maxWait) {
    return maxWait == null ? pollIntervalMs : Math.min(pollIntervalMs, maxWait.toMillis() + 1);
  }

  /** Marks what was acknowledged before the server stops, so that less is sent twice. */
  private void finishOnStop() {
    try {
      pipeline.finishAll();
    } catch (RuntimeException e) {
      LOG.log(Level.INFO, "Events in flight at stop stay unpublished and go out again: " + e);
    }
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
    if (marks != null) {
      marks.shutdownNow();
    }
    leadership.release();
  }
}

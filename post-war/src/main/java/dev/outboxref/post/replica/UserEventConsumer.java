package dev.outboxref.post.replica;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Feeds the replica from topic {@code user-events}. Each record is applied in its own transaction
 * and acknowledged only after that transaction committed, so a crash redelivers it (harmless: the
 * version rule makes applying twice a no-op).
 *
 * <p>The stream must never stop, and on Liberty a nack stops it. So nothing is ever nacked while
 * the application runs: a record that can never be applied is parked with its reason and then
 * acknowledged; a transient failure (the database is away) is retried with backoff, as long as it
 * takes, holding back the records behind it rather than skipping them.
 */
@ApplicationScoped
public class UserEventConsumer {

  private static final Logger LOG = Logger.getLogger(UserEventConsumer.class.getName());

  @Inject ReplicaWriter writer;
  @Inject ParkedEvents parkedEvents;
  @Inject ReplicaMetrics metrics;
  @Inject ConsumerTracing tracing;

  @Inject
  @ConfigProperty(name = "replica.retry.backoff.initial-ms", defaultValue = "100")
  long backoffInitialMs;

  @Inject
  @ConfigProperty(name = "replica.retry.backoff.max-ms", defaultValue = "5000")
  long backoffMaxMs;

  private volatile boolean stopping;

  @Incoming("user-events")
  public CompletionStage<Void> consume(Message<byte[]> message) {
    @SuppressWarnings("unchecked")
    ConsumerRecord<String, byte[]> record = message.unwrap(ConsumerRecord.class);
    Span span = tracing.startProcess(record);
    try (Scope scope = span.makeCurrent()) {
      return applyWithRetries(message, record, span);
    } finally {
      span.end();
    }
  }

  private CompletionStage<Void> applyWithRetries(
      Message<byte[]> message, ConsumerRecord<String, byte[]> record, Span span) {
    long backoff = backoffInitialMs;
    for (int attempt = 1; ; attempt++) {
      try {
        span.setAttribute("outboxref.replica.outcome", handle(record));
        return acknowledge(message, record);
      } catch (RuntimeException e) {
        span.recordException(e);
        if (stopping) {
          // not applied and not acknowledged: the next consumer of the partition gets it again
          span.setStatus(StatusCode.ERROR, "stopped before the record could be applied");
          return CompletableFuture.failedFuture(e);
        }
        if (attempt == 1 || attempt % 10 == 0) {
          LOG.log(
              Level.WARNING,
              "Cannot apply "
                  + describe(record)
                  + " (attempt "
                  + attempt
                  + "), retrying in "
                  + backoff
                  + " ms: "
                  + rootMessage(e));
        }
        long jitter = ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff / 2 + jitter));
        backoff = Math.min(backoffMaxMs, backoff * 2);
      }
    }
  }

  /**
   * Acknowledges a record whose change is committed. The offset commit behind it can fail (the
   * broker is away); that must not fail this method's stage, or the connector ends the stream for
   * good. A lost commit only means the record comes again, and applying it twice does nothing.
   */
  private static CompletionStage<Void> acknowledge(
      Message<byte[]> message, ConsumerRecord<String, byte[]> record) {
    CompletionStage<Void> committed;
    try {
      // liberty-kafka can also throw here, e.g. a WakeupException while the broker is away
      committed = message.ack();
    } catch (RuntimeException e) {
      committed = CompletableFuture.failedFuture(e);
    }
    return committed.exceptionally(
        e -> {
          LOG.warning(
              "Offset commit of "
                  + describe(record)
                  + " failed, it may be delivered again (harmless): "
                  + rootMessage(e));
          return null;
        });
  }

  /** Applies or parks the record; returns which: applied, stale or parked. */
  private String handle(ConsumerRecord<String, byte[]> record) {
    ReplicaChange change;
    try {
      change = UserEventDecoder.decode(record.key(), record.value());
    } catch (PoisonEvent e) {
      park(record, e.getMessage());
      return "parked";
    }
    try {
      boolean applied = writer.apply(change);
      metrics.consumed(applied, change.occurredAt());
      return applied ? "applied" : "stale";
    } catch (RuntimeException e) {
      if (!isPermanent(e)) {
        throw e;
      }
      park(record, "the database refused the change: " + rootMessage(e));
      return "parked";
    }
  }

  private void park(ConsumerRecord<String, byte[]> record, String reason) {
    parkedEvents.park(record, reason);
    metrics.parked();
    LOG.warning("Parked " + describe(record) + ": " + reason);
  }

  /** Data errors (SQLSTATE class 22) and constraint violations (23) fail again on every retry. */
  static boolean isPermanent(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        return state.startsWith("22") || state.startsWith("23");
      }
    }
    return false;
  }

  private static String describe(ConsumerRecord<String, byte[]> record) {
    return record.topic()
        + "-"
        + record.partition()
        + "@"
        + record.offset()
        + " (key "
        + record.key()
        + ")";
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.toString();
  }

  @PreDestroy
  void stop() {
    stopping = true;
  }
}

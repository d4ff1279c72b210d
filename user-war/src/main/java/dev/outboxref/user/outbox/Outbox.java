package dev.outboxref.user.outbox;

import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.user.application.EventOutbox;
import dev.outboxref.user.domain.UserChange;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Appends events to the outbox inside the caller's transaction (MANDATORY: an event is never
 * written on its own) and tells the relay ({@link AppendListener}) once that transaction has
 * committed.
 *
 * <p>The row is one INSERT on the transaction's connection, after the user's own changes (a native
 * query flushes the persistence context first). Its id, which orders the outbox, is the table's
 * {@code bigserial}, taken at the insert: nothing here reads it back, whereas persisting the row as
 * an entity with a generated id cost a second round trip ({@code select lastval()}) on every write
 * (docs/performance.md).
 */
@ApplicationScoped
public class Outbox implements EventOutbox {

  private static final String INSERT =
      "INSERT INTO outbox (event_id, aggregate_id, aggregate_version, event_type, payload,"
          + " traceparent, tracestate, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  @PersistenceContext(unitName = "userdb")
  EntityManager em;

  @Resource TransactionSynchronizationRegistry transactions;

  @Inject AppendListener relay;

  @Inject AppendTracing tracing;

  /** Appends the event of this change, with a new event id. */
  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public void append(UserChange change) {
    UUID eventId = UUID.randomUUID();
    UserEvent event = UserEvents.of(change, eventId);
    TraceContext trace = tracing.created(event, UserEvents.DESTINATION);
    em.createNativeQuery(INSERT)
        .setParameter(1, eventId)
        .setParameter(2, change.userId())
        .setParameter(3, change.version())
        .setParameter(4, UserEvents.type(event))
        .setParameter(5, event.toByteArray())
        .setParameter(6, trace.traceparent())
        .setParameter(7, trace.tracestate())
        .setParameter(8, change.at().atOffset(ZoneOffset.UTC))
        .executeUpdate();
    transactions.registerInterposedSynchronization(tellRelayAfterCommit());
  }

  /** A synchronization that tells the relay when the transaction it is registered with commits. */
  Synchronization tellRelayAfterCommit() {
    return new Synchronization() {
      @Override
      public void beforeCompletion() {}

      @Override
      public void afterCompletion(int outcome) {
        if (outcome == Status.STATUS_COMMITTED) {
          relay.committed();
        }
      }
    };
  }
}

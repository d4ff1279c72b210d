package dev.outboxref.user.outbox;

import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.user.domain.UserChange;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Appends events to the outbox inside the caller's transaction (MANDATORY: an event is never
 * written on its own) and wakes the relay once that transaction has committed.
 */
@ApplicationScoped
public class Outbox {

  @PersistenceContext(unitName = "userdb")
  EntityManager em;

  @Resource TransactionSynchronizationRegistry transactions;

  @Inject OutboxRelay relay;

  @Inject OutboxTracing tracing;

  /** Appends the event of this change, with a new event id. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void append(UserChange change) {
    UUID eventId = UUID.randomUUID();
    UserEvent event = UserEvents.of(change, eventId);
    em.persist(
        new OutboxEvent(
            eventId,
            change.userId(),
            change.version(),
            UserEvents.type(event),
            event.toByteArray(),
            tracing.created(event, KafkaPublisher.CHANNEL),
            change.at()));
    transactions.registerInterposedSynchronization(relay.wakeAfterCommit());
  }
}

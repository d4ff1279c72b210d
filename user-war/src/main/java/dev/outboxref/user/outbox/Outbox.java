package dev.outboxref.user.outbox;

import dev.outboxref.proto.events.v1.UserEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
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

  @Transactional(Transactional.TxType.MANDATORY)
  public void append(UserEvent event) {
    Instant occurredAt =
        Instant.ofEpochSecond(event.getOccurredAt().getSeconds(), event.getOccurredAt().getNanos());
    em.persist(
        new OutboxEvent(
            UUID.fromString(event.getEventId()),
            UUID.fromString(event.getUserId()),
            event.getVersion(),
            UserEvents.type(event),
            event.toByteArray(),
            tracing.created(event, KafkaPublisher.CHANNEL),
            occurredAt));
    transactions.registerInterposedSynchronization(relay.wakeAfterCommit());
  }
}

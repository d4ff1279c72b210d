package dev.outboxref.user.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The relay's reads and writes of the outbox table, each in a short transaction of its own. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class OutboxStore {

  /** What is waiting: the number of unpublished events and the age of the oldest. */
  public record Backlog(long size, Duration oldestAge) {}

  @PersistenceContext(unitName = "userdb")
  EntityManager em;

  /** The oldest unpublished events, in the order they were written. */
  public List<OutboxEvent> nextBatch(int limit) {
    return em.createQuery(
            "SELECT o FROM OutboxEvent o WHERE o.publishedAt IS NULL ORDER BY o.id",
            OutboxEvent.class)
        .setMaxResults(limit)
        .getResultList();
  }

  public void markPublished(List<Long> ids, Instant at) {
    if (ids.isEmpty()) {
      return;
    }
    em.createQuery("UPDATE OutboxEvent o SET o.publishedAt = :at WHERE o.id IN :ids")
        .setParameter("at", at.atOffset(java.time.ZoneOffset.UTC))
        .setParameter("ids", ids)
        .executeUpdate();
  }

  public void recordFailure(long id, String error) {
    em.createQuery(
            "UPDATE OutboxEvent o SET o.attempts = o.attempts + 1, o.lastError = :error WHERE o.id = :id")
        .setParameter("error", error.length() > 500 ? error.substring(0, 500) : error)
        .setParameter("id", id)
        .executeUpdate();
  }

  /** The retention rule: removes up to {@code limit} events published before {@code cutoff}. */
  public int deletePublishedBefore(Instant cutoff, int limit) {
    return em.createNativeQuery(
            "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE published_at < ?1 LIMIT ?2)")
        .setParameter(1, java.sql.Timestamp.from(cutoff))
        .setParameter(2, limit)
        .executeUpdate();
  }

  public Backlog backlog() {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT count(*), min(occurred_at) FROM outbox WHERE published_at IS NULL")
                .getSingleResult();
    long size = ((Number) row[0]).longValue();
    Instant oldest = toInstant(row[1]);
    return new Backlog(
        size, oldest == null ? Duration.ZERO : Duration.between(oldest, Instant.now()));
  }

  private static Instant toInstant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime odt) {
      return odt.toInstant();
    }
    return Instant.parse(value.toString());
  }
}

package dev.outboxref.post.replica;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * The parking lot for poison events: the consumer parks what it can never apply in its batch's
 * transaction ({@link ReplicaBatchStore}) and moves on; an operator lists, replays (after a fix) or
 * discards them here.
 */
@ApplicationScoped
public class ParkedEvents {

  /** What a replay did. */
  public enum Outcome {
    /** Applied to the replica and removed from the parking lot. */
    APPLIED,
    /** Valid but not newer than the replica: nothing to do; removed from the parking lot. */
    STALE,
    /** Still cannot be applied; stays parked with the new reason. */
    STILL_POISON
  }

  public record ReplayResult(long id, Outcome outcome, String reason) {}

  @PersistenceContext(unitName = "postdb")
  EntityManager em;

  @Inject ReplicaWriter writer;

  @Inject ReplicaMetrics metrics;

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<ParkedEvent> list(int first, int max) {
    return em.createQuery("SELECT p FROM ParkedEvent p ORDER BY p.id", ParkedEvent.class)
        .setFirstResult(first)
        .setMaxResults(max)
        .getResultList();
  }

  /** Up to {@code max} parked events with an id above {@code afterId}, oldest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<ParkedEvent> listAfter(long afterId, int max) {
    return em.createQuery(
            "SELECT p FROM ParkedEvent p WHERE p.id > :after ORDER BY p.id", ParkedEvent.class)
        .setParameter("after", afterId)
        .setMaxResults(max)
        .getResultList();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public long count() {
    return em.createQuery("SELECT count(p) FROM ParkedEvent p", Long.class).getSingleResult();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<ParkedEvent> find(long id) {
    return Optional.ofNullable(em.find(ParkedEvent.class, id));
  }

  /**
   * Decodes the stored bytes again and applies them if they now pass (e.g. after a consumer fix).
   * The change and the removal from the parking lot commit together.
   */
  @Transactional
  public ReplayResult replay(ParkedEvent parked) {
    ReplicaChange change;
    try {
      change = UserEventDecoder.decode(parked.key(), parked.payload());
    } catch (PoisonEvent e) {
      updateReason(parked.id(), e.getMessage());
      return new ReplayResult(parked.id(), Outcome.STILL_POISON, e.getMessage());
    }
    boolean applied = writer.apply(change);
    discard(parked.id());
    metrics.replayed(applied);
    return new ReplayResult(
        parked.id(), applied ? Outcome.APPLIED : Outcome.STALE, applied ? null : "not newer");
  }

  /** Removes a parked event; false if there was none with this id. */
  @Transactional
  public boolean discard(long id) {
    return em.createQuery("DELETE FROM ParkedEvent p WHERE p.id = :id")
            .setParameter("id", id)
            .executeUpdate()
        == 1;
  }

  private void updateReason(long id, String reason) {
    em.createQuery("UPDATE ParkedEvent p SET p.reason = :reason WHERE p.id = :id")
        .setParameter("reason", ReplicaBatchStore.truncate(reason))
        .setParameter("id", id)
        .executeUpdate();
  }
}

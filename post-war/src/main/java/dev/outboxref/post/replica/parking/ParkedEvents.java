package dev.outboxref.post.replica.parking;

import dev.outboxref.post.replica.ReplicaBatchStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * The parking lot for poison events: the consumer parks what it can never apply in its batch's
 * transaction ({@link ReplicaBatchStore}) and moves on; an operator lists or discards them here,
 * and replays them (after a fix) with {@link ParkedEventReplay}.
 */
@ApplicationScoped
public class ParkedEvents {

  @PersistenceContext(unitName = "postdb")
  EntityManager em;

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

  /** Removes a parked event; false if there was none with this id. */
  @Transactional
  public boolean discard(long id) {
    return em.createQuery("DELETE FROM ParkedEvent p WHERE p.id = :id")
            .setParameter("id", id)
            .executeUpdate()
        == 1;
  }

  /** Keeps a parked event with a new reason (in the caller's transaction, else its own). */
  @Transactional
  void updateReason(long id, String reason) {
    em.createQuery("UPDATE ParkedEvent p SET p.reason = :reason WHERE p.id = :id")
        .setParameter("reason", ReplicaBatchStore.truncate(reason))
        .setParameter("id", id)
        .executeUpdate();
  }
}

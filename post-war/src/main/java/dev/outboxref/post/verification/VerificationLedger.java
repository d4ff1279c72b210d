package dev.outboxref.post.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Table {@code replica_verification}: which instance may run a pass (a lease, so two instances
 * never verify at once and never repair a user twice) and the last complete pass, which every
 * instance reports.
 */
@ApplicationScoped
@Transactional
public class VerificationLedger {

  /** The last complete pass. */
  public record LastPass(Instant at, long millis, long divergent, long repaired) {}

  @PersistenceContext(unitName = "postdb")
  EntityManager em;

  /**
   * Takes the lease for {@code lease} if nobody holds it and, unless {@code now} is set, the last
   * complete pass is at least {@code interval} old; true if this instance holds it now.
   */
  public boolean take(String holder, Duration lease, Duration interval, boolean now) {
    return em.createNativeQuery(
                """
                UPDATE replica_verification
                SET holder = ?1, lease_until = now() + make_interval(secs => ?2)
                WHERE id = 1 AND (lease_until < now() OR holder = ?1)
                  AND (?3 OR last_pass_at IS NULL
                       OR last_pass_at < now() - make_interval(secs => ?4))
                """)
            .setParameter(1, holder)
            .setParameter(2, (double) lease.toSeconds())
            .setParameter(3, now)
            .setParameter(4, (double) interval.toMillis() / 1000)
            .executeUpdate()
        == 1;
  }

  /** Records a complete pass and gives the lease back. */
  public void finish(String holder, long millis, long divergent, long repaired) {
    em.createNativeQuery(
            """
            UPDATE replica_verification
            SET holder = NULL, lease_until = '-infinity', last_pass_at = now(),
                last_pass_millis = ?2, last_pass_divergent = ?3, last_pass_repaired = ?4
            WHERE id = 1 AND holder = ?1
            """)
        .setParameter(1, holder)
        .setParameter(2, millis)
        .setParameter(3, divergent)
        .setParameter(4, repaired)
        .executeUpdate();
  }

  /** Gives the lease back after a pass that did not complete. */
  public void release(String holder) {
    em.createNativeQuery(
            "UPDATE replica_verification SET holder = NULL, lease_until = '-infinity'"
                + " WHERE id = 1 AND holder = ?1")
        .setParameter(1, holder)
        .executeUpdate();
  }

  public Optional<LastPass> lastPass() {
    List<?> rows =
        em.createNativeQuery(
                "SELECT last_pass_at, last_pass_millis, last_pass_divergent, last_pass_repaired"
                    + " FROM replica_verification WHERE id = 1 AND last_pass_at IS NOT NULL")
            .getResultList();
    return rows.stream()
        .map(Object[].class::cast)
        .map(
            row ->
                new LastPass(
                    ((Timestamp) row[0]).toInstant(),
                    ((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue(),
                    ((Number) row[3]).longValue()))
        .findFirst();
  }
}

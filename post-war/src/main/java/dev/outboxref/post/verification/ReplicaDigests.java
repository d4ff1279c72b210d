package dev.outboxref.post.verification;

import dev.outboxref.platform.digest.DigestSql;
import dev.outboxref.platform.digest.IdPrefix;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * This service's side: the digests of the replica's live users, computed by PostgreSQL with the
 * platform's {@link DigestSql}, as the user service computes its own.
 */
@ApplicationScoped
@Transactional
public class ReplicaDigests implements DigestSource {

  private static final DigestSql.Users LIVE_USERS =
      new DigestSql.Users("user_replica", "user_id", "NOT deleted");

  @PersistenceContext(unitName = "postdb")
  EntityManager em;

  @Override
  public List<Bucket> buckets(String prefix, int digits) {
    return rows(LIVE_USERS.buckets(digits), prefix).stream()
        .map(
            row ->
                new Bucket(
                    (String) row[0], ((Number) row[1]).longValue(), ((Number) row[2]).longValue()))
        .toList();
  }

  @Override
  public List<Entry> entries(String prefix) {
    return rows(LIVE_USERS.users(Integer.MAX_VALUE), prefix).stream()
        .map(
            row ->
                new Entry(
                    UUID.fromString((String) row[0]),
                    ((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue()))
        .toList();
  }

  /** The rows of a digest query over the ids with {@code prefix}. */
  private List<Object[]> rows(String sql, String prefix) {
    IdPrefix range = IdPrefix.parse(prefix).orElseThrow();
    List<?> rows =
        em.createNativeQuery(sql)
            .setParameter(1, range.lowest().toString())
            .setParameter(2, range.highest().toString())
            .getResultList();
    return rows.stream().map(Object[].class::cast).toList();
  }
}

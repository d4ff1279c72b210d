package dev.outboxref.post.verification;

import dev.outboxref.platform.text.IdPrefix;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * This service's side: the digests of the replica's live users, computed by PostgreSQL exactly as
 * the user service computes its own (the expression below and the user service's UserDigestQueries
 * must stay the same).
 */
@ApplicationScoped
@Transactional
public class ReplicaDigests implements DigestSource {

  static final String ROW_DIGEST =
      "CAST(CAST('x' || left(md5(CAST(user_id AS text) || ':' || version || ':' || name || ':' ||"
          + " nickname), 16) AS bit(64)) AS bigint)";

  private static final String LIVE_USERS_WITH_PREFIX =
      " FROM user_replica WHERE NOT deleted"
          + " AND user_id BETWEEN CAST(?1 AS uuid) AND CAST(?2 AS uuid)";

  @PersistenceContext(unitName = "postdb")
  EntityManager em;

  @Override
  public List<Bucket> buckets(String prefix, int digits) {
    IdPrefix range = IdPrefix.parse(prefix).orElseThrow();
    List<?> rows =
        em.createNativeQuery(
                "SELECT left(CAST(user_id AS text), "
                    + digits
                    + "), count(*), bit_xor("
                    + ROW_DIGEST
                    + ")"
                    + LIVE_USERS_WITH_PREFIX
                    + " GROUP BY 1 ORDER BY 1")
            .setParameter(1, range.lowest().toString())
            .setParameter(2, range.highest().toString())
            .getResultList();
    return rows.stream()
        .map(Object[].class::cast)
        .map(
            row ->
                new Bucket(
                    (String) row[0], ((Number) row[1]).longValue(), ((Number) row[2]).longValue()))
        .toList();
  }

  @Override
  public List<Entry> entries(String prefix) {
    IdPrefix range = IdPrefix.parse(prefix).orElseThrow();
    List<?> rows =
        em.createNativeQuery(
                "SELECT CAST(user_id AS text), version, "
                    + ROW_DIGEST
                    + LIVE_USERS_WITH_PREFIX
                    + " ORDER BY user_id")
            .setParameter(1, range.lowest().toString())
            .setParameter(2, range.highest().toString())
            .getResultList();
    return rows.stream()
        .map(Object[].class::cast)
        .map(
            row ->
                new Entry(
                    UUID.fromString((String) row[0]),
                    ((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue()))
        .toList();
  }
}

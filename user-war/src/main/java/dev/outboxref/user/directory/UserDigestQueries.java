package dev.outboxref.user.directory;

import dev.outboxref.platform.text.IdPrefix;
import dev.outboxref.proto.users.v1.DigestBucket;
import dev.outboxref.proto.users.v1.UserDigest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The digests of the live users behind the directory's DigestUsers and ListUserDigests, computed by
 * PostgreSQL: a user's digest is the first 8 bytes of MD5("id:version:name:nickname"), a bucket's
 * the XOR of its users' (the post service computes the same over its replica).
 */
@ApplicationScoped
@Transactional
public class UserDigestQueries {

  /** One user's digest, as a signed 64-bit integer (the same bits as the contract's fixed64). */
  static final String ROW_DIGEST =
      "CAST(CAST('x' || left(md5(CAST(id AS text) || ':' || version || ':' || name || ':' ||"
          + " nickname), 16) AS bit(64)) AS bigint)";

  private static final String LIVE_USERS_WITH_PREFIX =
      " FROM users WHERE deleted_at IS NULL AND id BETWEEN CAST(?1 AS uuid) AND CAST(?2 AS uuid)";

  @PersistenceContext(unitName = "userdb")
  EntityManager em;

  /** The non-empty buckets of {@code digits} leading hex digits under {@code prefix}. */
  public List<DigestBucket> buckets(IdPrefix prefix, int digits) {
    List<?> rows =
        em.createNativeQuery(
                "SELECT left(CAST(id AS text), "
                    + digits
                    + "), count(*), bit_xor("
                    + ROW_DIGEST
                    + ")"
                    + LIVE_USERS_WITH_PREFIX
                    + " GROUP BY 1 ORDER BY 1")
            .setParameter(1, prefix.lowest().toString())
            .setParameter(2, prefix.highest().toString())
            .getResultList();
    return rows.stream()
        .map(Object[].class::cast)
        .map(
            row ->
                DigestBucket.newBuilder()
                    .setPrefix((String) row[0])
                    .setUsers(((Number) row[1]).longValue())
                    .setDigest(((Number) row[2]).longValue())
                    .build())
        .toList();
  }

  /** The live users under {@code prefix}, in id order, at most {@code limit}. */
  public List<UserDigest> users(IdPrefix prefix, int limit) {
    List<?> rows =
        em.createNativeQuery(
                "SELECT CAST(id AS text), version, "
                    + ROW_DIGEST
                    + LIVE_USERS_WITH_PREFIX
                    + " ORDER BY id LIMIT "
                    + limit)
            .setParameter(1, prefix.lowest().toString())
            .setParameter(2, prefix.highest().toString())
            .getResultList();
    return rows.stream()
        .map(Object[].class::cast)
        .map(
            row ->
                UserDigest.newBuilder()
                    .setUserId((String) row[0])
                    .setVersion(((Number) row[1]).longValue())
                    .setDigest(((Number) row[2]).longValue())
                    .build())
        .toList();
  }
}

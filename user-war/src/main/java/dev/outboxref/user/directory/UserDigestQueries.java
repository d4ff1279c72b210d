package dev.outboxref.user.directory;

import dev.outboxref.platform.digest.DigestSql;
import dev.outboxref.platform.digest.IdPrefix;
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

  private static final DigestSql.Users LIVE_USERS =
      new DigestSql.Users("users", "id", "deleted_at IS NULL");

  @PersistenceContext(unitName = "userdb")
  EntityManager em;

  /** The non-empty buckets of {@code digits} leading hex digits under {@code prefix}. */
  public List<DigestBucket> buckets(IdPrefix prefix, int digits) {
    return rows(LIVE_USERS.buckets(digits), prefix).stream()
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
    return rows(LIVE_USERS.users(limit), prefix).stream()
        .map(
            row ->
                UserDigest.newBuilder()
                    .setUserId((String) row[0])
                    .setVersion(((Number) row[1]).longValue())
                    .setDigest(((Number) row[2]).longValue())
                    .build())
        .toList();
  }

  /** The rows of a digest query over the ids with {@code prefix}. */
  private List<Object[]> rows(String sql, IdPrefix prefix) {
    List<?> rows =
        em.createNativeQuery(sql)
            .setParameter(1, prefix.lowest().toString())
            .setParameter(2, prefix.highest().toString())
            .getResultList();
    return rows.stream().map(Object[].class::cast).toList();
  }
}

package dev.outboxref.post.replica;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The writer of {@code user_replica} for single changes and the bootstrap (the consumer's batches
 * go through {@link ReplicaBatchStore} with the same rule). One statement applies a change if and
 * only if its version is newer than the stored one, so duplicates, reordering, the gRPC
 * read-your-writes path and a bootstrap running next to the consumer all commute: whatever the
 * order, the newest version wins and a deletion (a tombstone with its version) cannot be undone by
 * an older event.
 */
@ApplicationScoped
public class ReplicaWriter {

  /** The version rule: an existing row is replaced only by a newer version of it. */
  static final String ON_CONFLICT_IF_NEWER =
      """
      ON CONFLICT (user_id) DO UPDATE SET
          name = EXCLUDED.name,
          nickname = EXCLUDED.nickname,
          version = EXCLUDED.version,
          credential_version = EXCLUDED.credential_version,
          deleted = EXCLUDED.deleted,
          updated_at = EXCLUDED.updated_at,
          source_occurred_at = EXCLUDED.source_occurred_at
      WHERE user_replica.version < EXCLUDED.version
      """;

  /** Every column of {@code user_replica}, in the order each upsert supplies them. */
  static final String INSERT_EVERY_COLUMN =
      """
      INSERT INTO user_replica
          (user_id, name, nickname, version, credential_version, deleted, updated_at,
           source_occurred_at)
      """;

  private static final String UPSERT_IF_NEWER =
      INSERT_EVERY_COLUMN
          + """
      VALUES (CAST(?1 AS uuid), CAST(?2 AS varchar), CAST(?3 AS varchar), ?4, ?7, ?5, now(),
              CAST(?6 AS timestamptz))
      """
          + ON_CONFLICT_IF_NEWER;

  /**
   * The repair's rule: the source's state replaces a row of an older version, and a row of the same
   * version whose content differs (changed by hand); never a newer one.
   */
  private static final String UPSERT_IF_NOT_OLDER =
      INSERT_EVERY_COLUMN
          + """
      VALUES (CAST(?1 AS uuid), CAST(?2 AS varchar), CAST(?3 AS varchar), ?4, ?6, ?5, now(), NULL)
      ON CONFLICT (user_id) DO UPDATE SET
          name = EXCLUDED.name,
          nickname = EXCLUDED.nickname,
          version = EXCLUDED.version,
          credential_version = EXCLUDED.credential_version,
          deleted = EXCLUDED.deleted,
          updated_at = EXCLUDED.updated_at
      WHERE user_replica.version < EXCLUDED.version
         OR (user_replica.version = EXCLUDED.version
             AND (user_replica.name, user_replica.nickname, user_replica.deleted,
                  user_replica.credential_version)
                 IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.nickname, EXCLUDED.deleted,
                                   EXCLUDED.credential_version))
      """;

  @PersistenceContext(unitName = "postdb")
  EntityManager em;

  /**
   * Applies the change (in the caller's transaction, else its own); true if applied, false if stale
   * (not newer).
   */
  @Transactional
  public boolean apply(ReplicaChange change) {
    return upsert(change);
  }

  /**
   * Applies the changes in one transaction (the caller's, else its own); returns how many were
   * newer and applied.
   */
  @Transactional
  public int applyAll(List<ReplicaChange> changes) {
    int applied = 0;
    for (ReplicaChange change : changes) {
      if (upsert(change)) {
        applied++;
      }
    }
    return applied;
  }

  /** The ids of the users the replica holds as not deleted (a bootstrap's starting point). */
  @Transactional
  public Set<UUID> activeUserIds() {
    Set<UUID> ids = new HashSet<>();
    for (Object id :
        em.createNativeQuery("SELECT CAST(user_id AS text) FROM user_replica WHERE NOT deleted")
            .getResultList()) {
      ids.add(UUID.fromString((String) id));
    }
    return ids;
  }

  /**
   * Turns these users into tombstones at their current version (a later, newer event still
   * applies); returns how many were changed.
   */
  @Transactional
  public int markDeleted(Collection<UUID> userIds) {
    if (userIds.isEmpty()) {
      return 0;
    }
    return em.createNativeQuery(
            """
            UPDATE user_replica SET deleted = true, name = NULL, nickname = NULL, updated_at = now()
            WHERE user_id = ANY (CAST(?1 AS uuid[])) AND NOT deleted
            """)
        .setParameter(
            1, userIds.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")))
        .executeUpdate();
  }

  /**
   * Writes the source's state of a user found to differ (verification): applied to an older row or
   * a changed row of the same version, never to a newer one; true if the row changed.
   */
  @Transactional
  public boolean repair(ReplicaChange change) {
    return em.createNativeQuery(UPSERT_IF_NOT_OLDER)
            .setParameter(1, change.userId().toString())
            .setParameter(2, change.name())
            .setParameter(3, change.nickname())
            .setParameter(4, change.version())
            .setParameter(5, change.deleted())
            .setParameter(6, change.credentialVersion())
            .executeUpdate()
        == 1;
  }

  private boolean upsert(ReplicaChange change) {
    return em.createNativeQuery(UPSERT_IF_NEWER)
            .setParameter(1, change.userId().toString())
            .setParameter(2, change.name())
            .setParameter(3, change.nickname())
            .setParameter(4, change.version())
            .setParameter(5, change.deleted())
            .setParameter(
                6, change.occurredAt() == null ? null : Timestamp.from(change.occurredAt()))
            .setParameter(7, change.credentialVersion())
            .executeUpdate()
        == 1;
  }
}

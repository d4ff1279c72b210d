package dev.outboxref.platform.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DigestSqlTest {

  /** Both services' queries differ only in the table, its key and what a live row is. */
  @Test
  void theUsersAndTheReplicaDigestTheSameExpression() {
    var users = new DigestSql.Users("users", "id", "deleted_at IS NULL");
    var replica = new DigestSql.Users("user_replica", "user_id", "NOT deleted");
    assertEquals(
        users.buckets(2),
        replica
            .buckets(2)
            .replace("user_replica", "users")
            .replace("user_id", "id")
            .replace("NOT deleted", "deleted_at IS NULL"));
    assertEquals(
        "SELECT CAST(id AS text), version, CAST(CAST('x' || left(md5(CAST(id AS text) || ':' ||"
            + " version || ':' || name || ':' || nickname), 16) AS bit(64)) AS bigint) FROM users"
            + " WHERE deleted_at IS NULL AND id BETWEEN CAST(?1 AS uuid) AND CAST(?2 AS uuid)"
            + " ORDER BY id LIMIT 10",
        users.users(10));
  }
}

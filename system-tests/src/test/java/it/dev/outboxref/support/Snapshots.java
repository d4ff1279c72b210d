package it.dev.outboxref.support;

import dev.outboxref.stack.Database;
import dev.outboxref.stack.Stack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The users as userdb holds them and as postdb's replica holds them, in one comparable form: user
 * id to "name|nickname|version|deleted" (a deleted user's name and nickname are gone from both, so
 * a tombstone reads "version|t"). Also the row counts the write path's tests compare.
 */
public final class Snapshots {

  private static final String USERS =
      "SELECT id::text, concat_ws('|', name, nickname, version, deleted_at IS NOT NULL) FROM users";
  private static final String USERS_WHERE = " WHERE id = ANY (?::uuid[])";
  private static final String REPLICA =
      "SELECT user_id::text, concat_ws('|', name, nickname, version, deleted) FROM user_replica";
  private static final String REPLICA_WHERE = " WHERE user_id = ANY (?::uuid[])";

  private Snapshots() {}

  /** Every user of userdb. */
  public static Map<String, String> users(Stack stack) {
    return rows(stack, Database.USER_DB, USERS, null);
  }

  /** The given users of userdb (those that exist). */
  public static Map<String, String> users(Stack stack, Collection<String> ids) {
    return rows(stack, Database.USER_DB, USERS + USERS_WHERE, ids);
  }

  /** Every row of postdb's user_replica. */
  public static Map<String, String> replica(Stack stack) {
    return rows(stack, Database.POST_DB, REPLICA, null);
  }

  /** The given users' rows of postdb's user_replica (those it has). */
  public static Map<String, String> replica(Stack stack, Collection<String> ids) {
    return rows(stack, Database.POST_DB, REPLICA + REPLICA_WHERE, ids);
  }

  /** The users in userdb, tombstones included (a user row is never removed). */
  public static long userCount(Stack stack) throws SQLException {
    try (Connection c = stack.database().connectAs(Database.USER_DB);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM users")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The sum of the replica versions of the users (each user's final version counts fully). */
  public static long replicaVersionSum(Stack stack, Collection<String> ids) {
    try (Connection c = stack.database().connectAs(Database.POST_DB);
        PreparedStatement q =
            c.prepareStatement(
                "SELECT coalesce(sum(version), 0) FROM user_replica" + REPLICA_WHERE)) {
      q.setArray(1, c.createArrayOf("text", ids.toArray()));
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static Map<String, String> rows(
      Stack stack, Database.ServiceDatabase db, String sql, Collection<String> ids) {
    try (Connection c = stack.database().connectAs(db);
        PreparedStatement q = c.prepareStatement(sql)) {
      if (ids != null) {
        q.setArray(1, c.createArrayOf("text", ids.toArray()));
      }
      Map<String, String> rows = new HashMap<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getString(1), rs.getString(2));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}

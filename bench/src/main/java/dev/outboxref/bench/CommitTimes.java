package dev.outboxref.bench;

import dev.outboxref.stack.Database;
import dev.outboxref.stack.Stack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * When each write of a load committed, as PostgreSQL recorded it ({@code track_commit_timestamp}):
 * each seeded user is changed once, in the transaction that also wrote its event, so the commit
 * time of the transaction that last wrote the user's row ({@code xmin}) is its event's; likewise
 * the replica's row of that user in postdb was last written by the transaction that applied the
 * event. Read after the load, so reading takes nothing from the paths measured.
 */
final class CommitTimes {

  private CommitTimes() {}

  /** Commit times in microseconds since the epoch, by user id, of the users of a label. */
  static Map<String, Long> of(Stack stack, String label) throws Exception {
    return read(
        stack,
        Database.USER_DB,
        "SELECT id::text, pg_xact_commit_timestamp(xmin) FROM users WHERE nickname = ?",
        label);
  }

  /** When the replica's row of each user of a label was last written, by user id. */
  static Map<String, Long> ofReplica(Stack stack, String label) throws Exception {
    return read(
        stack,
        Database.POST_DB,
        "SELECT user_id::text, pg_xact_commit_timestamp(xmin) FROM user_replica"
            + " WHERE nickname = ?",
        label);
  }

  private static Map<String, Long> read(
      Stack stack, Database.ServiceDatabase db, String sql, String label) throws Exception {
    Map<String, Long> committed = new HashMap<>();
    try (Connection c = stack.database().connectAsAdmin(db.name());
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, label);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
          if (at != null) {
            committed.put(
                rs.getString(1),
                TimeUnit.SECONDS.toMicros(at.toEpochSecond()) + at.getNano() / 1000);
          }
        }
      }
    }
    return committed;
  }
}

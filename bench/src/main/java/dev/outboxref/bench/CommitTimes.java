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
 * time of the transaction that last wrote the user's row ({@code xmin}) is its event's. Read after
 * the load, so reading takes nothing from the paths measured.
 */
final class CommitTimes {

  private CommitTimes() {}

  /** Commit times in microseconds since the epoch, by user id, of the users of a label. */
  static Map<String, Long> of(Stack stack, String label) throws Exception {
    Map<String, Long> committed = new HashMap<>();
    try (Connection c = stack.database().connectAsAdmin(Database.USER_DB.name());
        PreparedStatement st =
            c.prepareStatement(
                "SELECT id::text, pg_xact_commit_timestamp(xmin) FROM users WHERE nickname = ?")) {
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

package dev.outboxref.user.application;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The counters of the request limits, in userdb's {@code request_limits}, so every instance of the
 * service counts against the same allowance. Each check is one atomic statement (an upsert that
 * locks the key's row): of parallel requests at a limit, exactly as many pass as the limit allows.
 * An attempt is counted before the work it limits is done (a password checked), and given back with
 * {@link #undo} or {@link #forget} when it turns out not to count.
 */
@ApplicationScoped
public class RequestLimits {

  /** Counts one more in a fixed window; a new window starts when the last one ended. */
  private static final String COUNT =
      """
      INSERT INTO request_limits AS r (key, count, window_start, last_at)
      VALUES (?, 1, now(), now())
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN r.window_start <= now() - ? * interval '1 second' THEN 1
                     ELSE r.count + 1 END,
        window_start = CASE WHEN r.window_start <= now() - ? * interval '1 second' THEN now()
                            ELSE r.window_start END,
        last_at = now()
      RETURNING count,
        ceil(extract(epoch FROM r.window_start + ? * interval '1 second' - now()))::bigint
      """;

  /**
   * Takes the account's turn if its delay after the last attempt has passed (the delay table is
   * {@link AccountDelay#secondsTable}, indexed by the attempts so far); no row back means it has
   * not, and nothing changed. Attempts are forgotten after {@code forget} seconds without any.
   */
  private static final String TURN =
      """
      INSERT INTO request_limits AS r (key, count, window_start, last_at)
      VALUES (?, 1, now(), now())
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN r.last_at <= now() - ? * interval '1 second' THEN 1
                     ELSE r.count + 1 END,
        window_start = CASE WHEN r.last_at <= now() - ? * interval '1 second' THEN now()
                            ELSE r.window_start END,
        last_at = now()
      WHERE r.last_at <= now() - ? * interval '1 second'
         OR r.last_at + (?::integer[])[least(r.count + 1, ?)] * interval '1 second' <= now()
      RETURNING count
      """;

  private static final String STATE =
      "SELECT count, extract(epoch FROM now() - last_at) FROM request_limits WHERE key = ?";
  private static final String UNDO =
      "UPDATE request_limits SET count = count - 1 WHERE key = ? AND count > 0";
  private static final String FORGET = "DELETE FROM request_limits WHERE key = ?";
  private static final String PURGE =
      "DELETE FROM request_limits WHERE last_at < now() - interval '1 day'";

  @Resource(lookup = "jdbc/appdb")
  DataSource dataSource;

  /**
   * Counts an attempt under {@code key}: empty if it is within {@code limit} for the window,
   * otherwise the seconds until the window ends (and the attempt is not counted).
   */
  public OptionalLong count(String key, int limit, Duration window) {
    long seconds = window.toSeconds();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement count = connection.prepareStatement(COUNT)) {
      count.setString(1, key);
      count.setLong(2, seconds);
      count.setLong(3, seconds);
      count.setLong(4, seconds);
      try (ResultSet row = count.executeQuery()) {
        row.next();
        purgeNowAndThen(connection);
        if (row.getInt(1) <= limit) {
          return OptionalLong.empty();
        }
        long retryAfter = Math.max(1, row.getLong(2));
        undo(connection, key);
        return OptionalLong.of(retryAfter);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("request limit " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * Takes the account's turn: empty if it may try now (and the attempt is counted), otherwise the
   * seconds it must still wait (and nothing is counted).
   */
  public OptionalLong turn(String key, AccountDelay delay, Duration forgetAfter) {
    int[] table = delay.secondsTable();
    long forget = forgetAfter.toSeconds();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement turn = connection.prepareStatement(TURN)) {
      Array delays =
          connection.createArrayOf("integer", Arrays.stream(table).boxed().toArray(Integer[]::new));
      turn.setString(1, key);
      turn.setLong(2, forget);
      turn.setLong(3, forget);
      turn.setLong(4, forget);
      turn.setArray(5, delays);
      turn.setInt(6, table.length);
      try (ResultSet row = turn.executeQuery()) {
        if (row.next()) {
          return OptionalLong.empty();
        }
      }
      try (PreparedStatement state = connection.prepareStatement(STATE)) {
        state.setString(1, key);
        try (ResultSet row = state.executeQuery()) {
          if (!row.next()) {
            return OptionalLong.of(1); // forgotten in between by a success: try again
          }
          Duration elapsed = Duration.ofMillis((long) (row.getDouble(2) * 1000));
          return OptionalLong.of(Math.max(1, delay.retryAfterSeconds(row.getInt(1), elapsed)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("request limit " + key + ": " + e.getMessage(), e);
    }
  }

  /** Gives back one counted attempt. */
  public void undo(String key) {
    run(UNDO, key);
  }

  /** Forgets every attempt under the key (a success). */
  public void forget(String key) {
    run(FORGET, key);
  }

  private void run(String sql, String key) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, key);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("request limit " + key + ": " + e.getMessage(), e);
    }
  }

  private static void undo(Connection connection, String key) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(UNDO)) {
      statement.setString(1, key);
      statement.executeUpdate();
    }
  }

  /** Once in about a thousand counts, drops the rows nobody touched for a day. */
  private static void purgeNowAndThen(Connection connection) throws SQLException {
    if (ThreadLocalRandom.current().nextInt(1000) == 0) {
      try (PreparedStatement statement = connection.prepareStatement(PURGE)) {
        statement.executeUpdate();
      }
    }
  }
}

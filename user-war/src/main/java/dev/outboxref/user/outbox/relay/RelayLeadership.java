package dev.outboxref.user.outbox.relay;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Only one relay publishes at a time, however many user-service instances share the database: the
 * one holding a PostgreSQL session-level advisory lock. The lock lives exactly as long as the
 * database session that took it, so a crashed or disconnected leader loses it at once and another
 * instance takes over at its next poll. One publisher reading the outbox in id order is what keeps
 * every user's events in order.
 *
 * <p>The leader reads the outbox on that very session ({@link #session()}): a relay whose session
 * is gone, and its lock with it, cannot read another row, because its next statement fails ({@link
 * OutboxStore} then gives the lead up). That statement is also how a lost session is noticed, so
 * holding the lead costs no round trip of its own.
 */
@ApplicationScoped
public class RelayLeadership {

  /** The advisory lock key: "outbox" in ASCII. */
  static final long LOCK_KEY = 0x6f7574626f78L;

  @Resource(lookup = "jdbc/appdb-relay")
  DataSource sessions;

  private Connection session;

  /** True if this instance leads: it holds the lock, or has just taken it. */
  synchronized boolean lead() {
    if (session != null) {
      return true;
    }
    Connection candidate = null;
    try {
      candidate = sessions.getConnection();
      boolean locked;
      try (Statement st = candidate.createStatement();
          ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
        locked = rs.next() && rs.getBoolean(1);
      }
      if (locked) {
        session = candidate;
        return true;
      }
    } catch (SQLException e) {
      // no database now: not the leader, try again at the next step
    }
    closeQuietly(candidate); // back to the pool, which the relay's marks and backlog share
    return false;
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // a broken connection: the pool drops it
      }
    }
  }

  /**
   * The session that holds the lock, for the relay's statements.
   *
   * @throws IllegalStateException this instance does not lead
   */
  synchronized Connection session() {
    if (session == null) {
      throw new IllegalStateException("This instance does not lead the outbox relay.");
    }
    return session;
  }

  /** Gives the lock up (closing the session releases it). */
  synchronized void release() {
    closeQuietly(session); // the lock is gone with the session, broken or not
    session = null;
  }
}

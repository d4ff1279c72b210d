package dev.outboxref.user.outbox;

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
  public synchronized boolean lead() {
    if (session != null) {
      return true;
    }
    try {
      Connection candidate = sessions.getConnection();
      try (Statement st = candidate.createStatement();
          ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
        if (rs.next() && rs.getBoolean(1)) {
          session = candidate;
          return true;
        }
      }
      candidate.close();
      return false;
    } catch (SQLException e) {
      return false;
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
  public synchronized void release() {
    if (session != null) {
      try {
        session.close();
      } catch (SQLException e) {
        // closing a broken session: the lock is gone either way
      }
      session = null;
    }
  }
}

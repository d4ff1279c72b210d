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
 */
@ApplicationScoped
public class RelayLeadership {

  /** The advisory lock key: "outbox" in ASCII. */
  static final long LOCK_KEY = 0x6f7574626f78L;

  @Resource(lookup = "jdbc/appdb-relay-lock")
  DataSource lockDataSource;

  private Connection session;

  /** True if this instance leads now: keeps a held lock alive, or tries to take it. */
  public synchronized boolean lead() {
    if (session != null) {
      try {
        if (session.isValid(2)) {
          return true;
        }
      } catch (SQLException e) {
        // the session is gone, and the lock with it
      }
      release();
    }
    try {
      Connection candidate = lockDataSource.getConnection();
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

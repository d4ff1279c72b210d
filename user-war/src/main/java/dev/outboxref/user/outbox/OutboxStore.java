package dev.outboxref.user.outbox;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The relay's reads and writes of the outbox table, with plain JDBC on a connection pool of the
 * relay's own ({@code jdbc/appdb-relay}, outside JTA): requests never hold the connections the
 * relay needs, so a saturated service does not make the relay wait for one. Every row of the outbox
 * is unpublished: a published event's row is deleted.
 */
@ApplicationScoped
public class OutboxStore implements RelayPipeline.Rows<PendingEvent> {

  private static final String SELECT =
      "SELECT id, event_id, aggregate_id, aggregate_version, event_type, payload, traceparent,"
          + " tracestate, occurred_at FROM outbox";
  private static final String OLDEST = " ORDER BY id LIMIT ?";
  private static final String OLDEST_IDS = "SELECT id FROM outbox ORDER BY id LIMIT ?";
  private static final String BY_IDS = " WHERE id = ANY(?) ORDER BY id";

  /** What is waiting: the number of unpublished events and the age of the oldest. */
  public record Backlog(long size, Duration oldestAge) {}

  @Resource(lookup = "jdbc/appdb-relay")
  DataSource dataSource;

  /**
   * The oldest unpublished events in the order they were written, up to {@code limit}, none of
   * {@code except} (those in flight). With some in flight, the ids are read first (the primary key
   * answers that) and then only the rows not in flight; only this relay deletes rows, so none goes
   * missing between the two reads.
   */
  @Override
  public List<PendingEvent> next(int limit, Set<Long> except) {
    try (Connection c = dataSource.getConnection()) {
      if (except.isEmpty()) {
        try (PreparedStatement st = c.prepareStatement(SELECT + OLDEST)) {
          st.setInt(1, limit);
          return read(st);
        }
      }
      List<Long> ids = new ArrayList<>(limit);
      try (PreparedStatement st = c.prepareStatement(OLDEST_IDS)) {
        st.setInt(1, limit + except.size());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next() && ids.size() < limit) {
            long id = rs.getLong(1);
            if (!except.contains(id)) {
              ids.add(id);
            }
          }
        }
      }
      if (ids.isEmpty()) {
        return List.of();
      }
      try (PreparedStatement st = c.prepareStatement(SELECT + BY_IDS)) {
        st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
        return read(st);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the outbox failed: " + e.getMessage(), e);
    }
  }

  /**
   * Marks the events published by deleting their rows, in one statement (one array parameter,
   * however many ids), without waiting for the commit to reach the disk.
   */
  @Override
  public void markPublished(List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement noFlushWait = c.createStatement();
          PreparedStatement st = c.prepareStatement("DELETE FROM outbox WHERE id = ANY(?)")) {
        // a mark lost to a database crash only sends its events again, which the consumers
        // tolerate (at least once), so the relay need not wait for the log to reach the disk
        noFlushWait.execute("SET LOCAL synchronous_commit TO OFF");
        st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
        st.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Marking events published failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void recordFailure(long id, String error) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?")) {
      st.setString(1, error.length() > 500 ? error.substring(0, 500) : error);
      st.setLong(2, id);
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Recording a failure failed: " + e.getMessage(), e);
    }
  }

  public Backlog backlog() {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*), min(occurred_at) FROM outbox")) {
      rs.next();
      OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
      return new Backlog(
          rs.getLong(1),
          oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), Instant.now()));
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the backlog failed: " + e.getMessage(), e);
    }
  }

  private static List<PendingEvent> read(PreparedStatement st) throws SQLException {
    List<PendingEvent> events = new ArrayList<>();
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        events.add(
            new PendingEvent(
                rs.getLong("id"),
                rs.getObject("event_id", UUID.class),
                rs.getObject("aggregate_id", UUID.class),
                rs.getLong("aggregate_version"),
                rs.getString("event_type"),
                rs.getBytes("payload"),
                new TraceContext(rs.getString("traceparent"), rs.getString("tracestate")),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant()));
      }
    }
    return events;
  }
}

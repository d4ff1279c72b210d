package dev.outboxref.user.outbox.relay;

import dev.outboxref.user.outbox.TraceContext;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The relay's reads and marks of the outbox table, with plain JDBC, one statement each and no
 * transaction of their own, on {@code jdbc/appdb-relay}: reads (and failures) on the leader's
 * session ({@link RelayLeadership#session()}), so that a relay whose session is gone, and its lock
 * with it, reads nothing more; marks on another connection of the pool, as they are written apart
 * from the reads ({@link RelayPipeline}); deleting what the broker acknowledged is safe whoever
 * leads. Every row of the outbox is unpublished: a published event's row is deleted.
 *
 * <p>The pool's connections are set up by {@code onConnect} in server.xml: each statement is
 * planned for the outbox as it is when it runs (the outbox is empty most of the time and holds a
 * backlog after an outage), and a commit does not wait for the log to reach the disk (a mark lost
 * to a database crash only sends its events again, which at least once allows). A statement on the
 * session that fails gives the lead up: the session may be gone, and the lock with it.
 */
@ApplicationScoped
public class OutboxStore implements RelayPipeline.Rows<PendingEvent> {

  /**
   * The oldest rows not in flight. PostgreSQL walks the primary key in order and leaves out the ids
   * in flight, given as the runs of consecutive ids they make (a batch read in id order is one
   * run): a multirange of a few runs costs nothing to plan, where an array of thousands of ids cost
   * more to plan than to run.
   */
  private static final String NEXT =
      "SELECT id, event_id, aggregate_id, aggregate_version, event_type, payload, traceparent,"
          + " tracestate, occurred_at, %s AS committed_at FROM outbox"
          + " WHERE NOT (?::int8multirange @> id) ORDER BY id LIMIT ?";

  /**
   * When the row's transaction committed, as PostgreSQL recorded it (track_commit_timestamp on;
   * NULL for a row committed before it was turned on), else when the change was made: the source
   * commit time the consumer's freshness is measured from.
   */
  static final String COMMITTED_AT = "coalesce(pg_xact_commit_timestamp(xmin), occurred_at)";

  private volatile String next;

  private static final String MARK = "DELETE FROM outbox WHERE id = ANY(?)";

  private static final String FAILURE =
      "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?";

  @Inject RelayLeadership leadership;

  @Resource(lookup = "jdbc/appdb-relay")
  DataSource dataSource;

  /**
   * The oldest unpublished events in the order they were written, up to {@code limit}, none of
   * {@code except} (those in flight), in one statement. A row committed late, below rows read
   * before it, is among the oldest not in flight, so it is found at the next read.
   */
  @Override
  public List<PendingEvent> next(int limit, Set<Long> except) {
    Connection c = leadership.session();
    try (PreparedStatement st = c.prepareStatement(nextStatement(c))) {
      // untyped, so that PostgreSQL takes it as the multirange the cast names, not as text
      st.setObject(1, runs(except), Types.OTHER);
      st.setInt(2, limit);
      return read(st);
    } catch (SQLException e) {
      throw failed("Reading the outbox", e);
    }
  }

  /** The read, with the commit time if the database records it (asked once). */
  private String nextStatement(Connection c) throws SQLException {
    if (next == null) {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SHOW track_commit_timestamp")) {
        rs.next();
        next = NEXT.formatted("on".equals(rs.getString(1)) ? COMMITTED_AT : "occurred_at");
      }
    }
    return next;
  }

  /** Marks the events published by deleting their rows, in one statement however many. */
  @Override
  public void markPublished(List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(MARK)) {
      st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Marking events published failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void recordFailure(long id, String error) {
    Connection c = leadership.session();
    try (PreparedStatement st = c.prepareStatement(FAILURE)) {
      st.setString(1, error.length() > 500 ? error.substring(0, 500) : error);
      st.setLong(2, id);
      st.executeUpdate();
    } catch (SQLException e) {
      throw failed("Recording a failure", e);
    }
  }

  /**
   * The ids as a PostgreSQL multirange literal of their runs of consecutive ids, e.g. {@code
   * {[3,5],[9,9]}} for 3, 4, 5 and 9; {@code {}} for none.
   */
  static String runs(Set<Long> ids) {
    long[] sorted = ids.stream().mapToLong(Long::longValue).sorted().toArray();
    StringBuilder runs = new StringBuilder("{");
    for (int i = 0; i < sorted.length; i++) {
      int start = i;
      while (i + 1 < sorted.length && sorted[i + 1] == sorted[i] + 1) {
        i++;
      }
      runs.append(runs.length() > 1 ? ",[" : "[")
          .append(sorted[start])
          .append(',')
          .append(sorted[i])
          .append(']');
    }
    return runs.append('}').toString();
  }

  private IllegalStateException failed(String what, SQLException e) {
    leadership.release();
    return new IllegalStateException(what + " failed: " + e.getMessage(), e);
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
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("committed_at", OffsetDateTime.class).toInstant()));
      }
    }
    return events;
  }
}

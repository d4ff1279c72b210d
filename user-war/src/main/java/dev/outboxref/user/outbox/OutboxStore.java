package dev.outboxref.user.outbox;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The relay's reads and writes of the outbox table, each in a short transaction of its own: the
 * rows it sends and marks with plain JDBC, the rest with JPA.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class OutboxStore implements RelayPipeline.Rows<PendingEvent> {

  private static final String SELECT =
      "SELECT id, event_id, aggregate_id, aggregate_version, event_type, payload, traceparent,"
          + " tracestate, occurred_at FROM outbox";
  private static final String UNPUBLISHED = " WHERE published_at IS NULL ORDER BY id LIMIT ?";
  private static final String UNPUBLISHED_IDS =
      "SELECT id FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?";
  private static final String BY_IDS = " WHERE id = ANY(?) ORDER BY id";

  /** What is waiting: the number of unpublished events and the age of the oldest. */
  public record Backlog(long size, Duration oldestAge) {}

  @PersistenceContext(unitName = "userdb")
  EntityManager em;

  /** Where the relay reads its rows with plain JDBC: the persistence unit's data source. */
  @Resource(lookup = "jdbc/appdb")
  DataSource dataSource;

  /**
   * The oldest unpublished events in the order they were written, up to {@code limit}, none of
   * {@code except} (those in flight). With some in flight, the ids are read first (the partial
   * index on unpublished rows answers that) and then only the rows not in flight.
   */
  @Override
  public List<PendingEvent> next(int limit, Set<Long> except) {
    try (Connection c = dataSource.getConnection()) {
      if (except.isEmpty()) {
        try (PreparedStatement st = c.prepareStatement(SELECT + UNPUBLISHED)) {
          st.setInt(1, limit);
          return read(st);
        }
      }
      List<Long> ids = new ArrayList<>(limit);
      try (PreparedStatement st = c.prepareStatement(UNPUBLISHED_IDS)) {
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
   * Marks the events published in one statement (one array parameter, however many ids), without
   * waiting for the commit to reach the disk.
   */
  @Override
  public void markPublished(List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement st =
            c.prepareStatement("UPDATE outbox SET published_at = ? WHERE id = ANY(?)")) {
      try (Statement noFlushWait = c.createStatement()) {
        // a mark lost to a database crash only sends its events again, which the consumers
        // tolerate (at least once), so the relay need not wait for the log to reach the disk
        noFlushWait.execute("SET LOCAL synchronous_commit TO OFF");
      }
      st.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
      st.setArray(2, c.createArrayOf("bigint", ids.toArray()));
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Marking events published failed: " + e.getMessage(), e);
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

  @Override
  public void recordFailure(long id, String error) {
    em.createQuery(
            "UPDATE OutboxEvent o SET o.attempts = o.attempts + 1, o.lastError = :error WHERE o.id = :id")
        .setParameter("error", error.length() > 500 ? error.substring(0, 500) : error)
        .setParameter("id", id)
        .executeUpdate();
  }

  /** The retention rule: removes up to {@code limit} events published before {@code cutoff}. */
  public int deletePublishedBefore(Instant cutoff, int limit) {
    return em.createNativeQuery(
            "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE published_at < ?1 LIMIT ?2)")
        .setParameter(1, java.sql.Timestamp.from(cutoff))
        .setParameter(2, limit)
        .executeUpdate();
  }

  public Backlog backlog() {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT count(*), min(occurred_at) FROM outbox WHERE published_at IS NULL")
                .getSingleResult();
    long size = ((Number) row[0]).longValue();
    Instant oldest = toInstant(row[1]);
    return new Backlog(
        size, oldest == null ? Duration.ZERO : Duration.between(oldest, Instant.now()));
  }

  private static Instant toInstant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime odt) {
      return odt.toInstant();
    }
    return Instant.parse(value.toString());
  }
}

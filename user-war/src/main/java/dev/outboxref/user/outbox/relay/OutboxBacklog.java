package dev.outboxref.user.outbox.relay;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/**
 * What waits in the outbox, for the relay's health check and metrics, on every instance whether it
 * leads or not: read on the relay's pool ({@code jdbc/appdb-relay}), so that requests holding every
 * connection of theirs do not delay the readiness report.
 */
@ApplicationScoped
public class OutboxBacklog {

  /** The number of unpublished events and the age of the oldest. */
  record Size(long events, Duration oldestAge) {}

  @Resource(lookup = "jdbc/appdb-relay")
  DataSource dataSource;

  Size read() {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*), min(occurred_at) FROM outbox")) {
      rs.next();
      OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
      return new Size(
          rs.getLong(1),
          oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), Instant.now()));
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the backlog failed: " + e.getMessage(), e);
    }
  }
}

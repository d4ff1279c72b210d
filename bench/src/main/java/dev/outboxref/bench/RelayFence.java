package dev.outboxref.bench;

import dev.outboxref.stack.Database;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Turns the user service's relay off and on without touching the service: only the holder of one
 * PostgreSQL advisory lock publishes (RelayLeadership in user-war), so while this bench holds it,
 * the relay stays a follower and the service only writes. Raising the fence ends the relay's lock
 * session if it leads (the relay then finds the lock taken); both moves wait until the relay's
 * readiness report shows the change, so nothing of the relay's is still in flight.
 */
final class RelayFence implements AutoCloseable {

  /** The relay's advisory lock key: "outbox" in ASCII, as in RelayLeadership. */
  private static final long LOCK_KEY =
      new BigInteger(1, "outbox".getBytes(StandardCharsets.US_ASCII)).longValue();

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Connection session;
  private final URI readiness;
  private boolean raised; // advisory locks stack per session: one raise, one release

  RelayFence(Stack stack) throws Exception {
    session = stack.database().connectAsAdmin(Database.USER_DB.name());
    readiness = URI.create(stack.userService().baseUrl() + "/health/ready");
  }

  /** The relay stops publishing: this session takes the lock and the relay reports no lead. */
  void raise() throws Exception {
    if (raised) {
      return;
    }
    // the relay's session ends asynchronously after the signal: try again every 50 ms
    Poll.until(
        "the relay's lock",
        TIMEOUT,
        Duration.ofMillis(50),
        () -> {
          if (query("SELECT pg_try_advisory_lock(?)")) {
            return true;
          }
          query(
              "SELECT bool_or(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory'"
                  + " AND granted AND objsubid = 1 AND (classid::bigint << 32 | objid::bigint) = ?");
          return false;
        },
        taken -> taken);
    raised = true;
    awaitLeader(false);
  }

  /** The relay publishes again: the lock is released and the relay reports that it leads. */
  void lower() throws Exception {
    if (!raised) {
      return;
    }
    query("SELECT pg_advisory_unlock(?)");
    raised = false;
    awaitLeader(true);
  }

  private boolean query(String sql) {
    try (PreparedStatement st = session.prepareStatement(sql)) {
      st.setLong(1, LOCK_KEY);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Polls the user service's readiness report for the relay's "leader" entry. */
  private void awaitLeader(boolean leader) throws Exception {
    Pattern expected = Pattern.compile("\"leader\"\\s*:\\s*" + leader);
    // the relay takes or gives up the lead at its next poll (1 s)
    Poll.until(
        "the relay to report leader=" + leader,
        TIMEOUT,
        Duration.ofMillis(100),
        this::readinessReport,
        body -> expected.matcher(body).find());
  }

  private String readinessReport() {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    session.close(); // releases the lock if held
  }
}

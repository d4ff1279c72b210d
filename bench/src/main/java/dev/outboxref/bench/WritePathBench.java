package dev.outboxref.bench;

import dev.outboxref.stack.Database;
import dev.outboxref.stack.Stack;
import dev.outboxref.stack.StackSettings;
import dev.outboxref.stack.TokenMint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user service's write path next to a baseline measured in the same run on the same stack: POST
 * and PATCH through the service against the same row writes done with plain JDBC. (The relay's
 * drain and commit-to-acknowledgement latency are {@link RelayVsDebeziumBench}'s.) Starts its own
 * stack (free ports, production settings) and prints a Markdown report, also written to
 * bench/target/write-path-report.md.
 *
 * <p>System property: {@code bench.seconds} per load phase (15).
 */
public final class WritePathBench {

  private static final int[] CONCURRENCIES = {1, 4, 16};
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private WritePathBench() {}

  public static void main(String[] args) throws Exception {
    Duration phase = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
    StringBuilder report = new StringBuilder("# Write path benchmark\n\n");
    report.append(Reports.machine()).append('\n');
    StackSettings settings =
        StackSettings.forTests(Path.of("bench", "target", "stack").toAbsolutePath()).clean();
    try (Stack stack = Stack.start(settings)) {
      String users = stack.userService().baseUrl() + "/api/users";

      report.append(
          "## POST /api/users (register; PBKDF2 at the production cost of 600000 iterations)\n\n");
      report.append(header());
      for (int c : CONCURRENCIES) {
        Load.Result service =
            Load.run(
                c, phase, Long.MAX_VALUE, (w, i) -> register(users, "post-" + w + "-" + i) != null);
        Load.Result jdbc = baseline(stack, c, phase, (connection, i) -> jdbcRegister(connection));
        report.append(row("service", service, jdbc)).append(row("plain JDBC", jdbc, null));
      }

      List<String> ids = new ArrayList<>();
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        ids.add(register(users, "patch-" + i));
        tokens.add(TokenMint.forUser(stack, ids.get(i)));
      }
      report.append("\n## PATCH /api/users/{id} (profile change + event, 64 users)\n\n");
      report.append(header());
      for (int c : CONCURRENCIES) {
        Load.Result service =
            Load.run(
                c,
                phase,
                Long.MAX_VALUE,
                (w, i) -> {
                  int user = (int) (i % ids.size());
                  return patch(users + "/" + ids.get(user), tokens.get(user), "n" + i);
                });
        Load.Result jdbc =
            baseline(
                stack,
                c,
                phase,
                (connection, i) -> jdbcChange(connection, ids.get((int) (i % ids.size()))));
        report.append(row("service", service, jdbc)).append(row("plain JDBC", jdbc, null));
      }
    }
    System.out.println(report);
    Path out = Path.of("bench", "target", "write-path-report.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }

  private static String register(String url, String label) throws Exception {
    String body =
        "{\"email\":\"%s-%s@example.com\",\"name\":\"Bench %s\",\"nickname\":\"b\",\"password\":\"correct horse battery staple\"}"
            .formatted(label, UUID.randomUUID(), label);
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      return null;
    }
    Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(r.body());
    return m.find() ? m.group(1) : null;
  }

  private static boolean patch(String url, String token, String name) throws Exception {
    HttpResponse<Void> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    return r.statusCode() == 200;
  }

  /** The rows a registration writes (user + outbox, one transaction), without the service. */
  private static boolean jdbcRegister(Connection c) throws Exception {
    return inTransaction(
        c,
        () -> {
          UUID id = UUID.randomUUID();
          try (PreparedStatement user =
                  c.prepareStatement(
                      "INSERT INTO users (id, email, name, nickname, password_hash, version, created_at, updated_at)"
                          + " VALUES (?, ?, 'Bench', 'b', 'pbkdf2-sha256$1$x$y', 1, now(), now())");
              PreparedStatement event = outboxInsert(c)) {
            user.setObject(1, id);
            user.setString(2, "jdbc-" + id + "@example.com");
            user.executeUpdate();
            event.setObject(1, id);
            event.setLong(2, 1);
            event.executeUpdate();
          }
        });
  }

  /** The rows a profile change writes (locked user update + outbox, one transaction). */
  private static boolean jdbcChange(Connection c, String id) throws Exception {
    return inTransaction(
        c,
        () -> {
          long version;
          try (PreparedStatement lock =
              c.prepareStatement("SELECT version FROM users WHERE id = ?::uuid FOR UPDATE")) {
            lock.setString(1, id);
            try (ResultSet rs = lock.executeQuery()) {
              rs.next();
              version = rs.getLong(1) + 1;
            }
          }
          try (PreparedStatement update =
                  c.prepareStatement(
                      "UPDATE users SET name = 'jdbc', version = ?, updated_at = now() WHERE id = ?::uuid");
              PreparedStatement event = outboxInsert(c)) {
            update.setLong(1, version);
            update.setString(2, id);
            update.executeUpdate();
            event.setObject(1, UUID.fromString(id));
            event.setLong(2, version);
            event.executeUpdate();
          }
        });
  }

  /** Work on a connection without auto-commit. */
  private interface SqlWork {
    void run() throws Exception;
  }

  /** Runs the work and commits, or rolls back and rethrows; true once committed. */
  private static boolean inTransaction(Connection c, SqlWork work) throws Exception {
    try {
      work.run();
      c.commit();
      return true;
    } catch (Exception e) {
      c.rollback();
      throw e;
    }
  }

  /** One baseline write on a worker's own connection. */
  private interface JdbcWrite {
    boolean run(Connection c, long iteration) throws Exception;
  }

  /**
   * The plain-JDBC baseline, with the relay fenced off so that it adds no relay work and its outbox
   * rows (not events) are never sent; they are deleted before the relay leads again.
   */
  private static Load.Result baseline(Stack stack, int concurrency, Duration phase, JdbcWrite write)
      throws Exception {
    try (RelayFence fence = new RelayFence(stack);
        Connections connections = new Connections(stack, concurrency)) {
      fence.raise();
      Load.Result result =
          Load.run(concurrency, phase, Long.MAX_VALUE, (w, i) -> write.run(connections.of(w), i));
      try (Connection c = stack.database().connectAs(Database.USER_DB);
          Statement st = c.createStatement()) {
        st.executeUpdate("DELETE FROM outbox WHERE event_type = 'Baseline'");
      }
      fence.lower();
      return result;
    }
  }

  /** The outbox row of a baseline write: the service's columns, a stand-in payload. */
  private static PreparedStatement outboxInsert(Connection c) throws Exception {
    return c.prepareStatement(
        "INSERT INTO outbox (event_id, aggregate_id, aggregate_version, event_type, payload, occurred_at)"
            + " VALUES (gen_random_uuid(), ?, ?, 'Baseline', '\\x0a'::bytea, now())");
  }

  private static String header() {
    return "| path | concurrency | ok | failed | req/s | p50 ms | p95 ms | p99 ms | req/s as a share of plain JDBC |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  }

  /** One open connection per worker, as a connection pool would give the service. */
  private static final class Connections implements AutoCloseable {
    private final Connection[] connections;

    Connections(Stack stack, int count) throws Exception {
      connections = new Connection[count];
      for (int i = 0; i < count; i++) {
        connections[i] = stack.database().connectAs(Database.USER_DB);
        connections[i].setAutoCommit(false);
      }
    }

    Connection of(int worker) {
      return connections[worker];
    }

    @Override
    public void close() throws Exception {
      for (Connection c : connections) {
        c.close();
      }
    }
  }

  private static String row(String path, Load.Result r, Load.Result relativeTo) {
    String ratio =
        relativeTo == null ? "" : String.format("%.4f", r.throughput() / relativeTo.throughput());
    return String.format(
        "| %s | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %s |%n",
        path,
        r.concurrency(),
        r.ok(),
        r.failed(),
        r.throughput(),
        r.latencies().percentileMs(0.50),
        r.latencies().percentileMs(0.95),
        r.latencies().percentileMs(0.99),
        relativeTo == null ? "" : ratio);
  }
}

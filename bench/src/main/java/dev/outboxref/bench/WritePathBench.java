package dev.outboxref.bench;

import dev.outboxref.stack.Database;
import dev.outboxref.stack.Poll;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The user service's write path and relay, each next to a baseline measured in the same run on the
 * same stack: POST and PATCH through the service against the same row writes done with plain JDBC;
 * the relay draining a backlog against the raw Kafka producer sending the same records with the
 * same settings; and the commit-to-acknowledgement latency of events under steady load. Starts its
 * own stack (free ports, production settings) and prints a Markdown report, also written to
 * bench/target/write-path-report.md.
 *
 * <p>System properties: {@code bench.seconds} per load phase (15), {@code bench.backlog} (100000).
 */
public final class WritePathBench {

  private static final int[] CONCURRENCIES = {1, 4, 16};
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private WritePathBench() {}

  public static void main(String[] args) throws Exception {
    Duration phase = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
    int backlog = Integer.getInteger("bench.backlog", 100_000);
    StringBuilder report = new StringBuilder("# Write path and relay benchmark\n\n");
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
        Load.Result jdbc;
        try (Connections connections = new Connections(stack, c)) {
          jdbc = Load.run(c, phase, Long.MAX_VALUE, (w, i) -> jdbcRegister(connections.of(w)));
        }
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
      long patchStart = System.currentTimeMillis();
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
        Load.Result jdbc;
        try (Connections connections = new Connections(stack, c)) {
          jdbc =
              Load.run(
                  c,
                  phase,
                  Long.MAX_VALUE,
                  (w, i) -> jdbcChange(connections.of(w), ids.get((int) (i % ids.size()))));
        }
        report.append(row("service", service, jdbc)).append(row("plain JDBC", jdbc, null));
      }
      report.append("\n## Commit to broker acknowledgement, under the PATCH load above\n\n");
      report.append(commitToAck(stack, patchStart)).append('\n');

      report.append("\n## Relay drain of a backlog of ").append(backlog).append(" events\n\n");
      report.append(drain(stack, backlog));
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

  /** An outbox row marked published already, so the baseline adds no relay work. */
  private static PreparedStatement outboxInsert(Connection c) throws Exception {
    return c.prepareStatement(
        "INSERT INTO outbox (event_id, aggregate_id, aggregate_version, event_type, payload, occurred_at, published_at)"
            + " VALUES (gen_random_uuid(), ?, ?, 'Baseline', '\\x0a'::bytea, now(), now())");
  }

  private static String commitToAck(Stack stack, long sinceMillis) throws Exception {
    try (Connection c = stack.database().connectAs(Database.USER_DB);
        PreparedStatement st =
            c.prepareStatement(
                "SELECT count(*),"
                    + " percentile_cont(0.5) WITHIN GROUP (ORDER BY lag), percentile_cont(0.99) WITHIN GROUP (ORDER BY lag), max(lag)"
                    + " FROM (SELECT extract(epoch FROM published_at - occurred_at) * 1000 AS lag FROM outbox"
                    + "       WHERE event_type = 'UserProfileChanged' AND occurred_at >= to_timestamp(? / 1000.0)) l")) {
      st.setLong(1, sinceMillis);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return String.format(
            "From the event's occurred-at (set in the transaction, just before commit) to the relay marking it published"
                + " (just after the broker's acknowledgement), over %d events: p50 %.1f ms, p99 %.1f ms, max %.1f ms.%n",
            rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4));
      }
    }
  }

  private static String drain(Stack stack, int count) throws Exception {
    byte[] payload;
    try (Connection c = stack.database().connectAs(Database.USER_DB);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT payload FROM outbox WHERE event_type = 'UserProfileChanged' LIMIT 1")) {
      rs.next();
      payload = rs.getBytes(1);
    }
    try (Connection c = stack.database().connectAs(Database.USER_DB);
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO outbox (event_id, aggregate_id, aggregate_version, event_type, payload, occurred_at)"
                    + " SELECT gen_random_uuid(), ('00000000-0000-4000-8000-' || lpad(to_hex(g % 1000), 12, '0'))::uuid,"
                    + " g / 1000 + 1, 'UserProfileChanged', ?, now() FROM generate_series(0, ? - 1) g")) {
      st.setBytes(1, payload);
      st.setInt(2, count);
      st.executeUpdate();
    }
    Duration relayTime = awaitDrained(stack, count);
    double relayRate = count / (relayTime.toNanos() / 1e9);

    Properties props = RelayProducerSettings.of(stack);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    long start = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      List<Future<RecordMetadata>> acks = new ArrayList<>(count);
      for (int g = 0; g < count; g++) {
        String key = "00000000-0000-4000-8000-" + String.format("%012x", g % 1000);
        acks.add(producer.send(new ProducerRecord<>("user-events", key, payload)));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    }
    double rawRate = count / ((System.nanoTime() - start) / 1e9);
    return String.format(
        "| path | events/s | ratio to raw producer |%n|---|---:|---:|%n| outbox relay (first to last published_at) | %.0f | %.2f |%n| raw KafkaProducer, same records and settings | %.0f | 1.00 |%n",
        relayRate, relayRate / rawRate, rawRate);
  }

  /**
   * Time from the first to the last publication of the synthetic backlog, once all are published.
   */
  private static Duration awaitDrained(Stack stack, int count) {
    return Poll.until(
            "the backlog of " + count + " to drain",
            Duration.ofMinutes(15),
            Duration.ofMillis(500),
            () -> publicationSpan(stack),
            Optional::isPresent)
        .orElseThrow();
  }

  /** First to last publication of the synthetic backlog, once nothing of it is unpublished. */
  private static Optional<Duration> publicationSpan(Stack stack) {
    try (Connection c = stack.database().connectAs(Database.USER_DB);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FILTER (WHERE published_at IS NULL), extract(epoch FROM max(published_at) - min(published_at))"
                    + " FROM outbox WHERE aggregate_id::text LIKE '00000000-0000-4000-8000-%'")) {
      rs.next();
      return rs.getLong(1) == 0
          ? Optional.of(Duration.ofNanos((long) (rs.getDouble(2) * 1e9)))
          : Optional.empty();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
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

package dev.outboxref.bench;

import dev.outboxref.descriptor.Service;
import dev.outboxref.descriptor.Topics;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.LibertyServer;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import dev.outboxref.stack.StackSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;

/**
 * The replica's verification against the user service (docs/architecture.md): one pass over 100,000
 * and over 1,000,000 users, and the consumer's apply rate while passes run against without them, in
 * the same run.
 *
 * <p>Users are seeded straight into userdb and, identical, into the replica (COPY). For each size a
 * pass runs over the equal replica, then over one with 50 rows changed by hand and 50 removed; each
 * pass is the admin endpoint's (which answers with its report: buckets and users read, bytes
 * received over gRPC, users found and repaired, time with and without its pacing pauses), and the
 * database time of each side is PostgreSQL's {@code pg_stat_database.active_time} over the pass,
 * less the database's background rate. The apply rate: the post service is stopped, a set of users
 * is changed in userdb and its events are produced into the topic, and the post service is started
 * again; the rate is the events over the time from the first to the last replica update, once with
 * verification off and once with a pass due every second (a second set of users). Properties:
 * {@code bench.users} (100000,1000000), {@code bench.drain-users} (200000; 0 leaves the apply rate
 * out).
 */
public final class VerificationBench {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private VerificationBench() {}

  record Pass(Map<String, Long> report, double userDbSeconds, double postDbSeconds) {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    for (String n : System.getProperty("bench.users", "100000,1000000").split(",")) {
      sizes.add(Integer.parseInt(n.trim()));
    }
    int drainUsers = Integer.getInteger("bench.drain-users", 200_000);
    StringBuilder report = new StringBuilder("# Replica verification benchmark\n\n");
    report.append(Reports.machine()).append('\n');
    StackSettings settings =
        StackSettings.forTests(Path.of("bench", "target", "stack").toAbsolutePath())
            .clean()
            .serviceEnvironment(Service.POST, "REPLICA_VERIFICATION_ENABLED", "false");
    try (Stack stack = Stack.start(settings)) {
      report.append(Reports.versions(stack)).append('\n');
      report.append(
          "| users | replica | pass (with pauses) | work (without) | buckets read | users read |"
              + " bytes over gRPC | userdb time | postdb time | divergent | repaired |\n"
              + "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      int seeded = 0;
      for (int size : sizes) {
        seed(stack, "vb" + size, size - seeded);
        seeded = size;
        pass(stack); // settles what seeding left (none expected) and warms the path up
        report.append(row(size, "equal", pass(stack)));
        drift(stack, 100);
        report.append(row(size, "50 rows changed by hand, 50 removed", pass(stack)));
      }
      report.append('\n');
      if (drainUsers > 0) {
        report.append(applyRates(stack, drainUsers, seeded));
      }
    }
    String text = report.toString();
    System.out.println(text);
    Files.writeString(Path.of("bench", "target", "verification-report.md"), text);
  }

  private static String applyRates(Stack stack, int drainUsers, int seeded) throws Exception {
    double without = drain(stack, "drain-off", drainUsers, false);
    double with = drain(stack, "drain-on", drainUsers, true);
    return String.format(
        "Apply rate of the consumer (%d events of as many users, produced while the post"
            + " service was stopped, first to last replica update, %d users in the"
            + " replica): %.0f events/s without verification, %.0f events/s with a pass due"
            + " every second: %.2f of it.%n",
        drainUsers, seeded + 2 * drainUsers, without, with, with / without);
  }

  private static String row(int users, String replica, Pass pass) {
    Map<String, Long> r = pass.report();
    return String.format(
        "| %,d | %s | %.2f s | %.2f s | %d | %d | %,d | %.2f s | %.2f s | %d | %d |%n",
        users,
        replica,
        r.get("millis") / 1000.0,
        r.get("workMillis") / 1000.0,
        r.get("bucketsRead"),
        r.get("usersRead"),
        r.get("bytesFromSource"),
        pass.userDbSeconds(),
        pass.postDbSeconds(),
        r.get("divergent"),
        r.get("repaired"));
  }

  /**
   * A pass now through the admin endpoint, with the database time of each side: PostgreSQL's {@code
   * active_time} of the database over the pass, less what the database does without it (the relay's
   * and the consumer's own statements) at the rate of the quiet window before. A backend reports
   * its statistics within {@value #STATS_FLUSH_MILLIS} ms of going idle, so each reading waits that
   * long first.
   */
  private static Pass pass(Stack stack) throws Exception {
    double[] quiet = {
      activeSeconds(stack, Database.USER_DB), activeSeconds(stack, Database.POST_DB)
    };
    long quietStart = System.nanoTime();
    awaitStatistics();
    double[] before = {
      activeSeconds(stack, Database.USER_DB), activeSeconds(stack, Database.POST_DB)
    };
    long start = System.nanoTime();
    Map<String, Long> report = runPass(stack.postService(), stack.adminToken());
    awaitStatistics();
    double[] after = {
      activeSeconds(stack, Database.USER_DB), activeSeconds(stack, Database.POST_DB)
    };
    long end = System.nanoTime();
    double[] used = new double[2];
    for (int i = 0; i < 2; i++) {
      double background = (before[i] - quiet[i]) / ((start - quietStart) / 1e9);
      used[i] = Math.max(0, after[i] - before[i] - background * ((end - start) / 1e9));
    }
    return new Pass(report, used[0], used[1]);
  }

  static final long STATS_FLUSH_MILLIS = 11_000;

  /** Statistics are flushed on a timer, nothing to poll for: this waits out the timer. */
  private static void awaitStatistics() throws InterruptedException {
    Thread.sleep(STATS_FLUSH_MILLIS);
  }

  private static Map<String, Long> runPass(LibertyServer server, String adminToken)
      throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/admin/replica/verification"))
                .header("Authorization", "Bearer " + adminToken)
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("pass: " + response.statusCode() + " " + response.body());
    }
    return numbers(response.body());
  }

  /** The numeric fields of a flat JSON object. */
  static Map<String, Long> numbers(String json) {
    Map<String, Long> numbers = new HashMap<>();
    Matcher m = Pattern.compile("\"(\\w+)\"\\s*:\\s*(-?\\d+)").matcher(json);
    while (m.find()) {
      numbers.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return numbers;
  }

  /** Time spent executing statements in a database so far ({@code pg_stat_database}). */
  private static double activeSeconds(Stack stack, Database.ServiceDatabase db) {
    try (Connection c = stack.database().connectAs(db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT active_time FROM pg_stat_database WHERE datname = current_database()")) {
      rs.next();
      return rs.getDouble(1) / 1000;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code count} more users, identical in userdb and in the replica. */
  private static void seed(Stack stack, String label, int count) throws Exception {
    try (Connection users = stack.database().connectAs(Database.USER_DB);
        Statement s = users.createStatement()) {
      s.executeUpdate(
          "INSERT INTO users (id, email, name, nickname, password_hash, version, created_at,"
              + " updated_at) SELECT gen_random_uuid(), '"
              + label
              + "-' || i || '@example.com', 'Verification bench ' || i, '"
              + label
              + "', 'not-a-real-hash', 1, now(), now() FROM generate_series(1, "
              + count
              + ") AS i");
      ByteArrayOutputStream rows = new ByteArrayOutputStream();
      users
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyOut(
              "COPY (SELECT id, name, nickname, version, false, now() FROM users WHERE nickname"
                  + " = '"
                  + label
                  + "') TO STDOUT",
              rows);
      try (Connection replica = stack.database().connectAs(Database.POST_DB)) {
        replica
            .unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn(
                "COPY user_replica (user_id, name, nickname, version, deleted, updated_at) FROM"
                    + " STDIN",
                new ByteArrayInputStream(rows.toByteArray()));
      }
    }
    for (Database.ServiceDatabase db : List.of(Database.USER_DB, Database.POST_DB)) {
      try (Connection c = stack.database().connectAs(db);
          Statement s = c.createStatement()) {
        s.execute("ANALYZE");
      }
    }
  }

  /** Changes {@code count} / 2 replica rows by hand (same version) and removes as many. */
  private static void drift(Stack stack, int count) throws SQLException {
    try (Connection c = stack.database().connectAs(Database.POST_DB);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE user_replica SET name = 'changed by hand' WHERE user_id IN"
              + " (SELECT user_id FROM user_replica WHERE NOT deleted ORDER BY random() LIMIT "
              + count / 2
              + ")");
      s.executeUpdate(
          "DELETE FROM user_replica WHERE user_id IN (SELECT user_id FROM user_replica"
              + " WHERE NOT deleted AND name <> 'changed by hand' ORDER BY random() LIMIT "
              + count / 2
              + ")");
    }
  }

  /**
   * The consumer's apply rate over a backlog of {@code count} events (users seeded, changed to
   * version 2 in userdb, their events produced while the post service is stopped), with
   * verification off or with a pass due every second.
   */
  private static double drain(Stack stack, String label, int count, boolean verifying)
      throws Exception {
    seed(stack, label, count);
    LibertyServer server = stack.postService();
    server.stop();
    List<String> ids = new ArrayList<>(count);
    try (Connection c = stack.database().connectAs(Database.USER_DB);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE users SET version = 2, name = 'Drained' WHERE nickname = '" + label + "'");
      try (ResultSet rs =
          s.executeQuery("SELECT CAST(id AS text) FROM users WHERE nickname = '" + label + "'")) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    Properties props = stack.broker().adminConfig();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (String id : ids) {
        producer.send(
            new ProducerRecord<>(
                Topics.USER_EVENTS, id, ReplicaLagBench.profileChanged(id, 2, "Drained", label)));
      }
      producer.flush();
    }
    LibertyServer running =
        verifying
            ? server
                .withEnvironment("REPLICA_VERIFICATION_ENABLED", "true")
                .withEnvironment("REPLICA_VERIFICATION_INTERVAL_SECONDS", "1")
                .withEnvironment("REPLICA_VERIFICATION_TICK_SECONDS", "1")
            : server;
    running.launch();
    try {
      Poll.until(
          "the replica to take in " + label,
          Duration.ofMinutes(10),
          Duration.ofMillis(500),
          () -> drained(stack, label),
          n -> n[0] >= count);
      double[] done = drained(stack, label);
      return done[0] / done[1];
    } finally {
      running.stop();
      server.start();
    }
  }

  /**
   * The label's users at version 2 in the replica, and seconds from the first update to the last.
   */
  private static double[] drained(Stack stack, String label) {
    try (Connection c = stack.database().connectAs(Database.POST_DB);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*), extract(epoch FROM max(updated_at) - min(updated_at))"
                    + " FROM user_replica WHERE version = 2 AND nickname = '"
                    + label
                    + "'")) {
      rs.next();
      return new double[] {rs.getLong(1), rs.getDouble(2)};
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.outboxref.bench;

import dev.outboxref.stack.Database;
import dev.outboxref.stack.Stack;
import dev.outboxref.stack.StackSettings;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * End to end lag: from a user change's commit at the user service to the post service's replica
 * update, at several offered write rates up to saturation. Each phase changes every one of its own
 * users exactly once (PATCH, open loop at the offered rate), so each replica row then holds one
 * event's exact lag: {@code updated_at} (when the replica applied it) minus {@code
 * source_occurred_at} (when the user service made the change, just before its commit); both clocks
 * are this machine's. Users are seeded straight into both databases at version 1. Prints a Markdown
 * report and writes it with a PNG chart to bench/target.
 *
 * <p>System properties: {@code bench.seconds} per rate (15), {@code bench.rates}
 * (25,50,100,200,400,800).
 */
public final class ReplicaLagBench {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** The lag percentiles of one offered rate. */
  record Phase(
      int offered,
      double achieved,
      long events,
      long failed,
      double p50,
      double p95,
      double p99,
      double max) {}

  private ReplicaLagBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = Integer.getInteger("bench.seconds", 15);
    List<Integer> rates = new ArrayList<>();
    for (String r : System.getProperty("bench.rates", "25,50,100,200,400,800").split(",")) {
      rates.add(Integer.parseInt(r.trim()));
    }
    StringBuilder report =
        new StringBuilder("# Replica lag benchmark (user commit to replica update)\n\n");
    report.append(Reports.machine()).append('\n');
    List<Phase> phases = new ArrayList<>();
    StackSettings settings =
        StackSettings.forTests(Path.of("bench", "target", "stack").toAbsolutePath()).clean();
    try (Stack stack = Stack.start(settings)) {
      report.append(Reports.versions(stack)).append('\n');
      // a warm-up phase, not reported: JIT, connection pools, consumer assignment
      run(stack, "warmup", 50, 10);
      for (int rate : rates) {
        phases.add(run(stack, "r" + rate, rate, seconds));
      }
    }
    report.append(
        String.format(
            "Each offered rate for %d s, PATCH /api/users/{id} in an open loop (up to 64 requests in"
                + " flight), each request changing a different user once.%n%n",
            seconds));
    report.append(
        "| offered writes/s | achieved writes/s | events | failed requests | p50 ms | p95 ms | p99 ms | max ms |\n"
            + "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Phase p : phases) {
      report.append(
          String.format(
              "| %d | %.0f | %d | %d | %.0f | %.0f | %.0f | %.0f |%n",
              p.offered(),
              p.achieved(),
              p.events(),
              p.failed(),
              p.p50(),
              p.p95(),
              p.p99(),
              p.max()));
    }
    report.append("\n![lag percentiles against offered load](replica-lag.png)\n");
    Path out = Path.of("bench", "target");
    LagChart.write(phases, out.resolve("replica-lag.png"));
    Files.writeString(out.resolve("replica-lag-report.md"), report);
    System.out.println(report);
  }

  private static Phase run(Stack stack, String label, int rate, int seconds) throws Exception {
    int count = rate * seconds;
    List<String> ids = seed(stack, label, count);
    String base = stack.userService().baseUrl() + "/api/users/";
    ExecutorService pool = Executors.newFixedThreadPool(64);
    AtomicLong failed = new AtomicLong();
    List<Future<?>> calls = new ArrayList<>(count);
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      LockSupport.parkNanos(start + i * interval - System.nanoTime()); // pacing of the open loop
      String id = ids.get(i);
      calls.add(
          pool.submit(
              () -> {
                if (patch(base + id) != 200) {
                  failed.incrementAndGet();
                }
              }));
    }
    for (Future<?> call : calls) {
      call.get();
    }
    double achieved = (count - failed.get()) / ((System.nanoTime() - start) / 1e9);
    pool.shutdown();
    long expected = count - failed.get();
    awaitApplied(stack, label, expected);
    try (Connection c = stack.database().connectAs(Database.POST_DB);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*),"
                    + " percentile_cont(0.50) WITHIN GROUP (ORDER BY lag),"
                    + " percentile_cont(0.95) WITHIN GROUP (ORDER BY lag),"
                    + " percentile_cont(0.99) WITHIN GROUP (ORDER BY lag), max(lag)"
                    + " FROM (SELECT extract(epoch FROM updated_at - source_occurred_at) * 1000"
                    + " AS lag FROM user_replica WHERE version = 2 AND nickname = '"
                    + label
                    + "') AS l")) {
      rs.next();
      return new Phase(
          rate,
          achieved,
          rs.getLong(1),
          failed.get(),
          rs.getDouble(2),
          rs.getDouble(3),
          rs.getDouble(4),
          rs.getDouble(5));
    }
  }

  /** Users at version 1 in userdb and, identical, in the replica; their nickname is the label. */
  private static List<String> seed(Stack stack, String label, int count) throws Exception {
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    try (Connection users = stack.database().connectAs(Database.USER_DB);
        Connection replica = stack.database().connectAs(Database.POST_DB);
        PreparedStatement u =
            users.prepareStatement(
                "INSERT INTO users (id, email, name, nickname, password_hash, version, created_at,"
                    + " updated_at) VALUES (?::uuid, ?, 'Lag bench', ?, 'not-a-real-hash', 1,"
                    + " now(), now())");
        PreparedStatement r =
            replica.prepareStatement(
                "INSERT INTO user_replica (user_id, name, nickname, version, deleted, updated_at)"
                    + " VALUES (?::uuid, 'Lag bench', ?, 1, false, now())")) {
      for (String id : ids) {
        u.setString(1, id);
        u.setString(2, id + "@example.com");
        u.setString(3, label);
        u.addBatch();
        r.setString(1, id);
        r.setString(2, label);
        r.addBatch();
      }
      u.executeBatch();
      r.executeBatch();
    }
    return ids;
  }

  private static int patch(String url) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(60))
                  .method(
                      "PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"Lag bench 2\"}"))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static void awaitApplied(Stack stack, String label, long expected) throws Exception {
    long end = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (System.nanoTime() < end) {
      try (Connection c = stack.database().connectAs(Database.POST_DB);
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT count(*) FROM user_replica WHERE version = 2 AND nickname = '"
                      + label
                      + "'")) {
        rs.next();
        if (rs.getLong(1) >= expected) {
          return;
        }
      }
      Thread.sleep(200); // polling the replica for progress
    }
    throw new IllegalStateException("replica did not catch up with " + label + " in 10 minutes");
  }
}

package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.stack.Database;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.Metrics;
import it.dev.outboxref.support.PostsApi;
import it.dev.outboxref.support.Snapshots;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.UsersApi;
import jakarta.json.JsonObject;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Constant writes to the user service while, one after another, the user service is SIGKILLed and
 * restarted, the post service is restarted, the post database's connections are cut, and last the
 * broker is SIGKILLed and restarted (no post-service restart follows it). At the end every
 * acknowledged write is in userdb, the replica equals userdb (tombstones included), and nothing was
 * parked. The counts go to target/soak-report.md. {@code -Dsoak.pause.seconds} (default 4) is the
 * load between faults, raise it for a longer soak; {@code -Dsoak.rate} (default 100) sets the
 * writes per second.
 */
@ExtendWith(StackExtension.class)
class SoakIT {

  private static final int WRITERS = 4;

  /** Writes per second offered by all writers together ({@code -Dsoak.rate}). */
  private static final long RATE = Long.getLong("soak.rate", 100);

  /** What the client was told last about a user: its version, name and whether deleted. */
  record Acknowledged(long version, String name, boolean deleted) {}

  @Test
  void writesUnderFaultsAreAllInTheReplicaAtTheEnd(Stack stack) throws Exception {
    Duration pause = Duration.ofSeconds(Long.getLong("soak.pause.seconds", 4));
    long parkedBefore = parkedCount(stack);
    Map<String, Acknowledged> acked = new ConcurrentHashMap<>();
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.add(pool.submit(() -> write(stack, writer, writing, acked, ok, failed)));
    }
    LagProbe lag = new LagProbe(stack);
    Future<?> sampling = pool.submit(lag);
    long staleAtStart = stale(stack);
    long staleBeforeRestart;
    long start = System.nanoTime();
    try {
      sleep(pause);
      lag.phase("user-service SIGKILLed and restarted");
      stack.userService().kill();
      stack.userService().start();
      sleep(pause);

      staleBeforeRestart = stale(stack) - staleAtStart;
      lag.phase("post-service restarted");
      stack.postService().stop();
      stack.postService().start();
      sleep(pause);

      lag.phase("post-db connections cut 3 times");
      for (int cut = 0; cut < 3; cut++) {
        cutPostDatabaseConnections(stack);
        sleep(Duration.ofSeconds(1));
      }
      sleep(pause);

      // last, and with no post-service restart after it: the consumer must come back by itself
      lag.phase("broker SIGKILLed and restarted");
      stack.broker().kill();
      sleep(pause.multipliedBy(2));
      stack.broker().start();
      sleep(pause);
    } finally {
      writing.set(false);
      for (Future<?> writer : writers) {
        writer.get();
      }
    }
    double loadSeconds = (System.nanoTime() - start) / 1e9;
    lag.phase("after the load, until converged");

    // no acknowledged write is lost
    Map<String, String> source = Snapshots.users(stack, acked.keySet());
    acked.forEach(
        (id, ack) -> {
          String row = source.get(id);
          assertTrue(row != null, "acknowledged user " + id + " missing from userdb");
          long version = Long.parseLong(row.split("\\|")[row.split("\\|").length - 2]);
          assertTrue(version >= ack.version(), id + " acked at " + ack.version() + ": " + row);
          if (ack.deleted()) {
            assertTrue(row.endsWith("|t"), "acked deletion of " + id + " not in userdb: " + row);
          }
        });

    // the replica converges to userdb: same versions and data, deleted users as tombstones
    long convergeStart = System.nanoTime();
    Poll.until(
        "the replica to equal userdb for the " + source.size() + " users written",
        Duration.ofSeconds(120),
        Duration.ofMillis(500),
        () -> Snapshots.replica(stack, acked.keySet()),
        replica -> replica.equals(source));
    double convergeSeconds = (System.nanoTime() - convergeStart) / 1e9;
    lag.stop();
    sampling.get();
    pool.shutdown();

    assertEquals(parkedBefore, parkedCount(stack), "no event was parked");
    long deleted = acked.values().stream().filter(Acknowledged::deleted).count();
    long events = eventsWritten(stack, acked.keySet());
    long staleAfter = stale(stack);
    String report =
        String.format(
            "# Soak with faults%n%n"
                + "| | value |%n|---|---:|%n"
                + "| load time at %d writes/s offered (user-service SIGKILL, post-service restart,"
                + " 3 post-db connection cuts, then a broker SIGKILL and restart) | %.0f s |%n"
                + "| writes acknowledged (2xx) | %d |%n| writes failed or refused during faults | %d |%n"
                + "| users written / deleted | %d / %d |%n"
                + "| events written (the users' versions in userdb: each version is one outbox event) | %d |%n"
                + "| duplicate or older events the replica ignored (stale) | %d |%n"
                + "| max lag from a change to the replica, by the phase the change was made in (a probe"
                + " user renamed one change at a time; a change also waits through the faults that"
                + " follow before it arrives) | %s |%n"
                + "| time for the replica to equal userdb after the load | %.1f s |%n"
                + "| events parked | %d |%n",
            RATE,
            loadSeconds,
            ok.get(),
            failed.get(),
            acked.size(),
            deleted,
            events,
            staleBeforeRestart + staleAfter, // the counter restarts with the service
            lag.maxByPhase(),
            convergeSeconds,
            parkedCount(stack) - parkedBefore);
    System.out.println(report);
    Files.writeString(Path.of("target", "soak-report.md"), report);
    assertTrue(ok.get() > 0, report);
    // every acknowledged write wrote one event (a write the client saw fail may have, too)
    assertTrue(events >= ok.get(), report);
  }

  /** One writer: registers users, renames them, deletes some; remembers what was acknowledged. */
  private static Void write(
      Stack stack,
      int writer,
      AtomicBoolean writing,
      Map<String, Acknowledged> acked,
      AtomicLong ok,
      AtomicLong failed) {
    UsersApi api = new UsersApi(stack.userService());
    List<String> mine = new ArrayList<>();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long interval = WRITERS * 1_000_000_000L / RATE;
    long next = System.nanoTime();
    for (long n = 0; writing.get(); n++) {
      // a constant offered rate, below saturation: lag then shows the faults, not a full queue
      next += interval;
      LockSupport.parkNanos(next - System.nanoTime());
      try {
        int dice = random.nextInt(100);
        if (mine.size() < 5 || dice < 10) {
          HttpResponse<String> r =
              api.post(
                  """
                  {"email":"soak-%d-%d-%d@example.com","name":"Soak %d","nickname":"soak","password":"%s"}"""
                      .formatted(writer, n, System.nanoTime(), n, UsersApi.PASSWORD));
          if (r.statusCode() == 201) {
            JsonObject user = Http.json(r);
            mine.add(user.getString("id"));
            acked.put(user.getString("id"), new Acknowledged(1, user.getString("name"), false));
            ok.incrementAndGet();
          } else {
            failed.incrementAndGet();
          }
        } else if (dice < 95) {
          String id = mine.get(random.nextInt(mine.size()));
          String name = "Soak " + writer + "-" + n;
          HttpResponse<String> r = api.patch(id, "{\"name\":\"" + name + "\"}", null);
          if (r.statusCode() == 200) {
            acked.put(id, new Acknowledged(Http.json(r).getInt("version"), name, false));
            ok.incrementAndGet();
          } else {
            failed.incrementAndGet();
          }
        } else {
          String id = mine.remove(random.nextInt(mine.size()));
          HttpResponse<String> r = api.delete(id, null);
          if (r.statusCode() == 204) {
            Acknowledged before = acked.get(id);
            acked.put(id, new Acknowledged(before.version() + 1, null, true));
            ok.incrementAndGet();
          } else {
            failed.incrementAndGet();
          }
        }
      } catch (RuntimeException | AssertionError e) {
        failed.incrementAndGet(); // the service is down: connection refused or reset
        pause(); // and not a busy loop against a closed port
      }
    }
    return null;
  }

  /**
   * The events these users' writes put into the outbox: one per version, in the transaction that
   * made the version (the outbox itself keeps only what is not yet published).
   */
  private static long eventsWritten(Stack stack, java.util.Set<String> ids) throws SQLException {
    try (Connection c = stack.database().connectAs(Database.USER_DB);
        PreparedStatement q =
            c.prepareStatement(
                "SELECT coalesce(sum(version), 0) FROM users WHERE id = ANY (?::uuid[])")) {
      q.setArray(1, c.createArrayOf("text", ids.toArray()));
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long parkedCount(Stack stack) throws SQLException {
    try (Connection c = stack.database().connectAs(Database.POST_DB);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM parked_events")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Ends every session of the post service's role, as a network cut or a database failover. */
  private static void cutPostDatabaseConnections(Stack stack) throws SQLException {
    try (Connection c = stack.database().connectAsAdmin("postgres");
        Statement s = c.createStatement()) {
      s.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'post_service'");
    }
  }

  private static long stale(Stack stack) {
    return (long) metric(stack, "replica_events_stale_total");
  }

  private static double metric(Stack stack, String name) {
    try {
      return Metrics.value(stack.postService(), name);
    } catch (RuntimeException | AssertionError e) {
      return 0; // the post service is restarting
    }
  }

  /** Load pacing: the writers run this long between two faults; nothing is awaited here. */
  private static void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis()); // load time between faults, not synchronization
  }

  /** Load pacing: a writer backs off after a failed request instead of hammering a closed port. */
  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Measures the end-to-end lag, one change at a time, throughout the run: renames its own user,
   * then polls the replica until the new version is there. Keeps the largest lag per phase of the
   * schedule (a change made in one phase counts there, however late it arrives).
   */
  private static final class LagProbe implements Runnable {
    private final Stack stack;
    private final Map<String, Double> maxByPhase = new java.util.LinkedHashMap<>();
    private volatile String phase = "load before the first fault";
    private volatile boolean running = true;

    LagProbe(Stack stack) {
      this.stack = stack;
    }

    void phase(String name) {
      phase = name;
    }

    @Override
    public void run() {
      UsersApi api = new UsersApi(stack.userService());
      PostsApi posts = new PostsApi(stack);
      String id = api.register("probe").getString("id");
      for (long n = 0; running; n++) {
        String changedIn = phase;
        long start = System.nanoTime();
        long version;
        try {
          version = api.rename(id, "probe " + n);
        } catch (RuntimeException | AssertionError e) {
          pause(); // the user service is down
          continue;
        }
        try {
          Poll.until(
              "the replica to have version " + version + " of the probe",
              Duration.ofMinutes(3),
              Duration.ofMillis(100),
              () -> replicaHas(posts, id, version),
              has -> has);
        } catch (IllegalStateException notWithinThreeMinutes) {
          // reported as the lag of this change (three minutes): the report shows it, nothing fails
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        synchronized (maxByPhase) {
          maxByPhase.merge(changedIn, seconds, Math::max);
        }
      }
    }

    private static boolean replicaHas(PostsApi posts, String id, long version) {
      try {
        return posts.replica(id).map(r -> r.version() >= version).orElse(false);
      } catch (RuntimeException | AssertionError e) {
        return false;
      }
    }

    void stop() {
      running = false;
    }

    String maxByPhase() {
      synchronized (maxByPhase) {
        return maxByPhase.entrySet().stream()
            .map(e -> String.format("%s: %.1f s", e.getKey(), e.getValue()))
            .reduce((x, y) -> x + "; " + y)
            .orElse("");
      }
    }
  }
}

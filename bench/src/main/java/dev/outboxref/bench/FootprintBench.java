package dev.outboxref.bench;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.LibertyServer;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import dev.outboxref.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * What each Liberty server costs to run: its resident memory as {@code ./stack up} gives it (the
 * stack as the local default starts it, traces to Zipkin, measured 60 s after everything is ready),
 * how long it takes to start, its resident memory idle after a restart, under the saturation write
 * load and idle again after it, and what the load achieved meanwhile (rate, commit to broker
 * acknowledgement, the replica's catch-up), so that a bound that costs speed shows next to the
 * memory it saves.
 *
 * <p>Run it as built (each server directory has the jvm.options of liberty-config) and once with
 * {@code -Dbench.jvm-options=none}, which moves those files aside for the run and puts them back:
 * the two reports are the before and after of the bounds. Other system properties: {@code
 * bench.rate} (600 writes/s, near the write path's saturation on a 2-core machine), {@code
 * bench.seconds} of load (30), {@code bench.starts} per server (3), {@code bench.idle-seconds} of
 * each idle window (20), {@code bench.settle-seconds} from ready to the first idle window (60).
 * Run: {@code java -cp "bench/target/bench.jar:bench/target/lib/*"
 * dev.outboxref.bench.FootprintBench}; the report also goes to bench/target/footprint-report.md.
 */
public final class FootprintBench {

  private static final String LABEL = "footprint";

  private FootprintBench() {}

  /** One server's figures. */
  private record Server(
      String name,
      List<Double> startSeconds,
      long stackUpMib,
      long idleMib,
      long idleThreads,
      long loadMib,
      long loadThreads,
      long afterMib) {}

  public static void main(String[] args) throws Exception {
    int rate = Integer.getInteger("bench.rate", 600);
    int seconds = Integer.getInteger("bench.seconds", 30);
    int starts = Integer.getInteger("bench.starts", 3);
    Duration idle = Duration.ofSeconds(Integer.getInteger("bench.idle-seconds", 20));
    Duration settle = Duration.ofSeconds(Integer.getInteger("bench.settle-seconds", 60));
    boolean bounded = !"none".equals(System.getProperty("bench.jvm-options"));
    StackSettings settings =
        StackSettings.forTests(Path.of("bench", "target", "stack").toAbsolutePath())
            .clean()
            .traceViewer();

    List<Path> movedAside = new ArrayList<>();
    StringBuilder report = new StringBuilder();
    try (Stack stack = Stack.prepare(settings)) {
      if (!bounded) {
        for (Service s : Service.values()) {
          Path options =
              Path.of(s.module(), "target", "liberty", "wlp", "usr", "servers", s.serverName())
                  .resolve("jvm.options");
          Files.move(options, aside(options), StandardCopyOption.REPLACE_EXISTING);
          movedAside.add(options);
        }
      }
      stack.startAll();
      AppendTimes.useBrokerTimestamps(stack);
      LibertyServer user = stack.userService();
      LibertyServer post = stack.postService();
      TimeUnit.MILLISECONDS.sleep(settle.toMillis()); // what is measured: 60 s after ready
      Window asStarted = Window.of(user, post, idle);

      Map<LibertyServer, List<Double>> startTimes = new LinkedHashMap<>();
      for (LibertyServer s : List.of(user, post)) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
          s.stop();
          long t0 = System.nanoTime();
          s.start();
          times.add((System.nanoTime() - t0) / 1e9);
        }
        startTimes.put(s, times);
      }

      Window idleBefore = Window.of(user, post, idle);

      List<String> ids = OpenLoopPatches.seedUsers(stack, LABEL, rate * seconds);
      Map<TopicPartition, Long> from = AppendTimes.endOffsets(stack);
      OpenLoopPatches.Result load;
      AppendTimes.Observed observed;
      double catchUpSeconds;
      Window underLoad;
      try (Resident.Peak userPeak = new Resident.Peak(user.pid());
          Resident.Peak postPeak = new Resident.Peak(post.pid())) {
        load = OpenLoopPatches.run(stack, ids, rate, "Footprint bench");
        long loadEnd = System.nanoTime();
        observed =
            AppendTimes.await(
                stack, from, LABEL, load.sent() - load.failed(), Duration.ofMinutes(5));
        awaitReplica(stack, load.sent() - load.failed(), Duration.ofMinutes(5));
        catchUpSeconds = (System.nanoTime() - loadEnd) / 1e9;
        underLoad =
            new Window(userPeak.mib(), userPeak.threads(), postPeak.mib(), postPeak.threads());
      }

      Window idleAfter = Window.of(user, post, idle);

      List<Server> servers =
          List.of(
              new Server(
                  user.instance(),
                  startTimes.get(user),
                  asStarted.userMib,
                  idleBefore.userMib,
                  idleBefore.userThreads,
                  underLoad.userMib,
                  underLoad.userThreads,
                  idleAfter.userMib),
              new Server(
                  post.instance(),
                  startTimes.get(post),
                  asStarted.postMib,
                  idleBefore.postMib,
                  idleBefore.postThreads,
                  underLoad.postMib,
                  underLoad.postThreads,
                  idleAfter.postMib));
      report.append(
          report(
              stack,
              bounded,
              rate,
              seconds,
              idle,
              settle,
              servers,
              load,
              observed,
              catchUpSeconds));
    } finally {
      for (Path options : movedAside) {
        Files.move(aside(options), options, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    System.out.print(report);
    Path out = Path.of("bench", "target", "footprint-report.md");
    Files.writeString(out, report);
    System.out.println("Report written to " + out.toAbsolutePath());
  }

  private static Path aside(Path options) {
    return options.resolveSibling("jvm.options.aside");
  }

  /** The highest resident memory and thread count of both servers over a window. */
  private record Window(long userMib, long userThreads, long postMib, long postThreads) {

    /** Samples both servers idle for {@code length} (the window of the measurement). */
    static Window of(LibertyServer user, LibertyServer post, Duration length) throws Exception {
      try (Resident.Peak u = new Resident.Peak(user.pid());
          Resident.Peak p = new Resident.Peak(post.pid())) {
        TimeUnit.MILLISECONDS.sleep(length.toMillis()); // the window measured, not a wait
        return new Window(u.mib(), u.threads(), p.mib(), p.threads());
      }
    }
  }

  /** Waits until the post service's replica has every changed user's new name. */
  private static void awaitReplica(Stack stack, long expected, Duration timeout) throws Exception {
    try (Connection c = stack.database().connectAs(Database.POST_DB);
        PreparedStatement st =
            c.prepareStatement(
                "SELECT count(*) FROM user_replica WHERE name = 'Footprint bench'")) {
      Poll.until(
          "the replica to have " + expected + " changes",
          timeout,
          Duration.ofMillis(50),
          () -> count(st),
          caughtUp -> caughtUp >= expected);
    }
  }

  private static long count(PreparedStatement st) {
    try (ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String report(
      Stack stack,
      boolean bounded,
      int rate,
      int seconds,
      Duration idle,
      Duration settle,
      List<Server> servers,
      OpenLoopPatches.Result load,
      AppendTimes.Observed observed,
      double catchUpSeconds) {
    StringBuilder r = new StringBuilder("# Footprint of the Liberty servers\n\n");
    r.append(Reports.machine()).append('\n');
    r.append(Reports.versions(stack)).append('\n');
    r.append(
        bounded
            ? "JVM options: each server's jvm.options as built (liberty-config's).\n\n"
            : "JVM options: none (jvm.options moved aside for this run): the JVM's own defaults.\n\n");
    r.append(
        String.format(
            "As `./stack up` gives it: the highest resident memory over %d s, %d s after the"
                + " stack (traces to Zipkin, as its default) reported every part ready. Start: each"
                + " server stopped (SIGTERM) and started again, one at a time, from the"
                + " launch of its process to /health/ready answering 200. Idle: the highest"
                + " resident memory over %d s after the starts, and again over %d s after the load."
                + " Load: PATCH /api/users/{id} through the user service, open loop at %d writes/s"
                + " for %d s, each request changing a different seeded user, relayed to Kafka and"
                + " applied to the post service's replica; its peak is sampled every 100 ms from"
                + " the load's start until the replica has every change.%n%n",
            idle.toSeconds(),
            settle.toSeconds(),
            idle.toSeconds(),
            idle.toSeconds(),
            rate,
            seconds));
    r.append(
        "| server | MiB as ./stack up gives it | start s (each run) | idle MiB after a restart |"
            + " threads idle | peak MiB under load | threads under load | idle MiB after |\n");
    r.append("|---|---:|---|---:|---:|---:|---:|---:|\n");
    for (Server s : servers) {
      r.append(
          String.format(
              "| %s | %d | %s | %d | %d | %d | %d | %d |%n",
              s.name(),
              s.stackUpMib(),
              String.join(
                  ", ", s.startSeconds().stream().map(t -> String.format("%.1f", t)).toList()),
              s.idleMib(),
              s.idleThreads(),
              s.loadMib(),
              s.loadThreads(),
              s.afterMib()));
    }
    Latencies l = observed.latencies();
    r.append(
        String.format(
            "%n| offered writes/s | achieved writes/s | failed requests | commit to ack p50 ms |"
                + " p95 ms | p99 ms | max ms | replica caught up s after the load |%n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|%n"
                + "| %d | %.0f | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
            rate,
            load.achieved(),
            load.failed(),
            l.percentileMs(0.50),
            l.percentileMs(0.95),
            l.percentileMs(0.99),
            l.percentileMs(1.0),
            catchUpSeconds));
    return r.toString();
  }
}

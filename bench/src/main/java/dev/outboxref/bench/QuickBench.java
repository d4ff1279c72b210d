package dev.outboxref.bench;

import dev.outboxref.stack.Database;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import dev.outboxref.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The guard of the request path, relay and consumer, in under three minutes, each figure against
 * its baseline measured in the same run: PATCH /api/users/{id} through the service at concurrency 1
 * and 16 against the same statements with plain JDBC ({@link PlainJdbcWrites}); end to end at 100
 * writes/s, hop by hop ({@link Hops}); and end to end at 1.5 times the write path's capacity (the
 * service's rate at concurrency 16 just measured), whose achieved rate, the replica's, is held
 * against that capacity. Run it before and after every change that touches one of those paths, on a
 * quiet machine, and add its summary line to docs/performance.md.
 *
 * <p>Starts its own stack (free ports, production settings, commit timestamps on), warms the
 * service up with PATCHes at concurrency 16 (the JIT's first minute; its rate per slice is in the
 * report) and prints a Markdown report, also written to bench/target/quick-report.md. System
 * properties: {@code bench.seconds} per service phase (10), {@code bench.baseline-seconds} (6),
 * {@code bench.warmup-seconds} (45).
 */
public final class QuickBench {

  private static final Duration REPLICA_DEADLINE = Duration.ofMinutes(2);

  private QuickBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = Integer.getInteger("bench.seconds", 10);
    Duration phase = Duration.ofSeconds(seconds);
    Duration baseline = Duration.ofSeconds(Integer.getInteger("bench.baseline-seconds", 6));
    Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 45));
    int warmupConcurrency = Integer.getInteger("bench.warmup-concurrency", 16);
    long started = System.nanoTime();
    StringBuilder report =
        new StringBuilder("# Quick benchmark: request path, relay, consumer\n\n");
    report.append(Reports.machine()).append('\n');
    StackSettings settings =
        StackSettings.forTests(Path.of("bench", "target", "stack").toAbsolutePath()).clean();
    String summary;
    try (Stack stack = Stack.start(settings)) {
      report.append(Reports.versions(stack)).append('\n');
      AppendTimes.useBrokerTimestamps(stack);
      ClosedLoopPatches patches = new ClosedLoopPatches(stack, "wp");
      report.append(warmup(warmup, warmupConcurrency, patches));

      report.append("\n## PATCH /api/users/{id}: the service against plain JDBC\n\n");
      report.append(
          "| concurrency | service req/s | p50 ms | p99 ms | plain JDBC req/s | p50 ms | p99 ms |"
              + " service as a share of plain JDBC |\n"
              + "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      Load.Result service1 = patches.service(1, phase);
      Load.Result jdbc1 = patches.baseline(1, baseline);
      Load.Result service16 = patches.service(16, phase);
      Load.Result jdbc16 = patches.baseline(16, baseline);
      report.append(row(service1, jdbc1)).append(row(service16, jdbc16));

      int calm = 100;
      List<String> lagUsers = OpenLoopPatches.seedUsers(stack, "q" + calm, calm * seconds);
      Map<TopicPartition, Long> from = AppendTimes.endOffsets(stack);
      OpenLoopPatches.Result lagLoad = OpenLoopPatches.run(stack, lagUsers, calm, "Quick 2");
      long acknowledged = lagLoad.sent() - lagLoad.failed();
      AppendTimes.Observed seen =
          AppendTimes.await(stack, from, "q" + calm, acknowledged, REPLICA_DEADLINE);
      awaitReplicaVersionSum(stack, "q" + calm, 2 * acknowledged);
      Hops hops = Hops.of(stack, "q" + calm, lagLoad.sentMicros(), seen);
      report.append(
          String.format(
              "%n## End to end at %d writes/s, hop by hop%n%n"
                  + "Each of %d seeded users changed once (PATCH, open loop, %d failed).%n%n",
              calm, lagUsers.size(), lagLoad.failed()));
      report.append(hops.table());

      double capacity = service16.throughput();
      int offered = (int) Math.round(1.5 * capacity);
      EndToEnd saturated = saturate(stack, offered, seconds);
      double share = saturated.achieved() / capacity;
      report.append(
          String.format(
              "%n## End to end at %d writes/s offered (1.5 x the write path's capacity)%n%n"
                  + "%d changes of 512 seeded users in turn (PATCH, open loop, up to 64 in flight),"
                  + " %d failed; the replica had every acknowledged change %.1f s after the first"
                  + " request: %.1f writes/s end to end, %.2f of the write path's capacity"
                  + " (%.1f req/s at concurrency 16 above).%n",
              offered,
              saturated.sent(),
              saturated.failed(),
              saturated.seconds(),
              saturated.achieved(),
              share,
              capacity));
      summary =
          String.format(
              "| %s | c=1 %.3f (%.0f / %.0f req/s, p50 %.1f ms) | c=16 %.3f (%.0f / %.0f req/s) |"
                  + " e2e %.2f of capacity (%.0f of %.0f writes/s) | lag p50 %.1f ms, p99 %.1f ms"
                  + " at 100/s (hops %.1f + %.1f + %.1f ms) |",
              LocalDate.now(),
              service1.throughput() / jdbc1.throughput(),
              service1.throughput(),
              jdbc1.throughput(),
              service1.latencies().percentileMs(0.5),
              service16.throughput() / jdbc16.throughput(),
              service16.throughput(),
              jdbc16.throughput(),
              share,
              saturated.achieved(),
              capacity,
              hops.requestToReplica().percentileMs(0.5),
              hops.requestToReplica().percentileMs(0.99),
              hops.requestToCommit().percentileMs(0.5),
              hops.commitToAppend().percentileMs(0.5),
              hops.appendToReplica().percentileMs(0.5));
    }
    report.append(
        String.format(
            "%n## Summary (a row for docs/performance.md; build and change to be filled in)%n%n%s%n"
                + "%nThe whole run took %.0f s.%n",
            summary, (System.nanoTime() - started) / 1e9));
    System.out.println(report);
    Path out = Path.of("bench", "target", "quick-report.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }

  /** The warm-up in slices of 5 s, each slice's rate reported: when the JIT settled. */
  private static String warmup(Duration warmup, int concurrency, ClosedLoopPatches service)
      throws Exception {
    StringBuilder rates = new StringBuilder();
    long slices = Math.max(1, warmup.toSeconds() / 5);
    for (int i = 0; i < slices; i++) {
      double rate = service.service(concurrency, Duration.ofSeconds(5)).throughput();
      rates.append(i == 0 ? "" : ", ").append(String.format("%.0f", rate));
    }
    return String.format(
        "Warm-up (not measured): PATCH at concurrency %d, req/s per 5 s slice: %s.%n",
        concurrency, rates);
  }

  /** The saturating phase: how fast the replica took in every acknowledged change. */
  private record EndToEnd(int sent, long failed, double seconds) {
    double achieved() {
      return (sent - failed) / seconds;
    }
  }

  private static EndToEnd saturate(Stack stack, int offered, int seconds) throws Exception {
    String label = "qsat";
    List<String> users = OpenLoopPatches.seedUsers(stack, label, 512);
    long start = System.nanoTime();
    OpenLoopPatches.Result load =
        OpenLoopPatches.run(stack, users, offered, offered * seconds, "Quick saturated");
    // the replica's rows appear with the first change: each holds 1 + that user's changes
    awaitReplicaVersionSum(stack, label, users.size() + load.sent() - load.failed());
    return new EndToEnd(load.sent(), load.failed(), (System.nanoTime() - start) / 1e9);
  }

  private static void awaitReplicaVersionSum(Stack stack, String label, long sum) {
    try (Connection c = stack.database().connectAs(Database.POST_DB);
        PreparedStatement st =
            c.prepareStatement(
                "SELECT coalesce(sum(version), 0) FROM user_replica WHERE nickname = ?")) {
      st.setString(1, label);
      Poll.until(
          "the replica to hold every change of " + label,
          REPLICA_DEADLINE,
          Duration.ofMillis(20),
          () -> versionSum(st),
          s -> s >= sum);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long versionSum(PreparedStatement st) {
    try (ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String row(Load.Result service, Load.Result jdbc) {
    return String.format(
        "| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.3f |%n",
        service.concurrency(),
        service.throughput(),
        service.latencies().percentileMs(0.50),
        service.latencies().percentileMs(0.99),
        jdbc.throughput(),
        jdbc.latencies().percentileMs(0.50),
        jdbc.latencies().percentileMs(0.99),
        service.throughput() / jdbc.throughput());
  }
}

package dev.outboxref.bench;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.Stack;
import dev.outboxref.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The user service's write path next to a baseline measured in the same run on the same stack: POST
 * and PATCH through the service against the same statements in one transaction with plain JDBC
 * ({@link PlainJdbcWrites}). (The relay's drain and commit-to-acknowledgement latency are {@link
 * RelayVsDebeziumBench}'s; the quick guard of the request path is {@link QuickBench}.) Starts its
 * own stack (free ports, production settings), warms the service up with PATCHes (not reported: the
 * first minute of a JVM is the JIT's), and prints a Markdown report, also written to
 * bench/target/write-path-report.md.
 *
 * <p>System properties: {@code bench.seconds} per load phase (15), {@code bench.warmup-seconds}
 * (60).
 */
public final class WritePathBench {

  private static final int[] CONCURRENCIES = {1, 4, 16};

  private WritePathBench() {}

  public static void main(String[] args) throws Exception {
    Duration phase = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
    Duration maxWarmup = Duration.ofSeconds(Long.getLong("bench.max-warmup-seconds", 300));
    StringBuilder report = new StringBuilder("# Write path benchmark\n\n");
    report.append(Reports.machine()).append('\n');
    StackSettings settings =
        StackSettings.forTests(Path.of("bench", "target", "stack").toAbsolutePath())
            .clean()
            // the registrations' throughput is measured, not the limits (docs/security.md)
            .serviceEnvironment(Service.USER, "AUTH_REGISTRATION_MAX_PER_ADDRESS", "100000000")
            .serviceEnvironment(Service.USER, "AUTH_REGISTRATION_MAX_TOTAL", "100000000");
    try (Stack stack = Stack.start(settings)) {
      UserApi api = new UserApi(stack.userService().baseUrl());
      ClosedLoopPatches patches = new ClosedLoopPatches(stack, "wp");
      List<Double> warmup = patches.warmUp(16, Duration.ofSeconds(10), maxWarmup);
      report.append(
          String.format(
              "Warm-up (not measured): PATCH at concurrency 16 in 10 s slices until three in a row"
                  + " were within 5 %% of their mean, req/s: %s.%n%n",
              warmup.stream().map(r -> String.format("%.0f", r)).toList()));

      report.append(
          "## POST /api/users (register; PBKDF2 at the production cost of 600000 iterations)\n\n");
      report.append(header());
      for (int c : CONCURRENCIES) {
        Load.Result service =
            Load.run(
                c, phase, Long.MAX_VALUE, (w, i) -> api.register("post-" + w + "-" + i) != null);
        Load.Result jdbc =
            PlainJdbcWrites.run(
                stack, c, phase, (connection, w, i) -> PlainJdbcWrites.register(connection));
        report.append(row("service", service, jdbc)).append(row("plain JDBC", jdbc, null));
      }

      report.append("\n## PATCH /api/users/{id} (profile change + event, 64 users)\n\n");
      report.append(header());
      for (int c : CONCURRENCIES) {
        Load.Result service = patches.service(c, phase);
        Load.Result jdbc = patches.baseline(c, phase);
        report.append(row("service", service, jdbc)).append(row("plain JDBC", jdbc, null));
      }
    }
    System.out.println(report);
    Path out = Path.of("bench", "target", "write-path-report.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }

  private static String header() {
    return "| path | concurrency | ok | failed | req/s | p50 ms | p95 ms | p99 ms | req/s as a share of plain JDBC |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
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

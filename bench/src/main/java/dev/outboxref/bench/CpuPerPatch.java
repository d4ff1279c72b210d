package dev.outboxref.bench;

import dev.outboxref.stack.Stack;
import dev.outboxref.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU per PATCH, process by process: 16 closed-loop clients for three 20 s rounds after a warm-up,
 * each process's CPU (user plus system time from {@code /proc}, Linux only) divided by the requests
 * answered. Throughput on a shared machine swings from run to run; CPU per request, read against
 * PostgreSQL's (which runs the same statements for any build of the services), tells a build that
 * does more work per request from a slower hour. Compare two builds as with {@link QuickBench}: run
 * this jar from each build's directory, in the order old, new, new, old.
 */
public final class CpuPerPatch {

  private static final int ROUNDS = 3;
  private static final Duration ROUND = Duration.ofSeconds(20);

  /** Lets the relay and the consumer finish a round's events before its CPU is read. */
  private static final Duration SETTLE = Duration.ofSeconds(3);

  public static void main(String[] a) throws Exception {
    StackSettings settings =
        StackSettings.forTests(Path.of("bench", "target", "stack").toAbsolutePath()).clean();
    try (Stack stack = Stack.start(settings)) {
      ClosedLoopPatches p = new ClosedLoopPatches(stack, "cpu");
      System.out.println("warm-up " + p.warmUp(16, Duration.ofSeconds(5), Duration.ofSeconds(60)));
      for (int round = 0; round < ROUNDS; round++) {
        Map<String, Long> before = cpu();
        Load.Result r = p.service(16, ROUND);
        Thread.sleep(SETTLE.toMillis());
        Map<String, Long> after = cpu();
        StringBuilder line =
            new StringBuilder(
                "round "
                    + round
                    + " ok "
                    + r.ok()
                    + " req/s "
                    + String.format("%.1f", r.throughput()));
        for (String role : after.keySet()) {
          long d = after.get(role) - before.getOrDefault(role, 0L);
          line.append(String.format(" %s %.3f ms/req", role, d * 10.0 / r.ok()));
        }
        System.out.println(line);
      }
    }
  }

  /** CPU ticks (1/100 s) per process role, summed over the role's processes. */
  static Map<String, Long> cpu() throws Exception {
    Map<String, Long> sum = new TreeMap<>();
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        if (!p.getFileName().toString().matches("\\d+")) continue;
        try {
          String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
          String role =
              cmd.contains("userServer")
                  ? "user"
                  : cmd.contains("postServer")
                      ? "post"
                      : cmd.contains("kafka.Kafka")
                          ? "kafka"
                          : cmd.contains("postgres") ? "pg" : null;
          if (role == null) continue;
          String stat = Files.readString(p.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          sum.merge(role, ticks, Long::sum);
        } catch (Exception e) {
          // the process ended between the listing and the read
        }
      }
    }
    return sum;
  }
}

package dev.outboxref.bench;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import dev.outboxref.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a registration flood takes the service from everybody else: PATCH /api/users/{id} latency
 * (closed loop, {@link ClosedLoopPatches}) unloaded, then while several clients register as fast as
 * the service answers. Each registration costs a PBKDF2 hash at the production cost (600000
 * iterations); the flood is held by the registration limits and the hashing permits
 * (docs/security.md). The goal: the loaded p99 within 2 x the unloaded p99.
 *
 * <p>The flooders all connect from this machine, one client address (an X-Forwarded-For would be
 * ignored: no proxy is trusted). By default the per-address limit is lifted so that the flood
 * reaches the total limit and the hashing permits, the defences against a flood from many
 * addresses; {@code bench.max-per-address} sets it back (e.g. 10, the service's default).
 *
 * <p>Starts its own stack (free ports, production settings), warms the service up with PATCHes and
 * prints a Markdown report, also written to bench/target/registration-flood-report.md. System
 * properties: {@code bench.seconds} per phase (20), {@code bench.warmup-seconds} (30), {@code
 * bench.patch-concurrency} (4), {@code bench.flooders} (8), {@code bench.max-per-address}
 * (100000000), {@code bench.max-total} (the service's default, 300 in 10 min).
 */
public final class RegistrationFloodBench {

  private RegistrationFloodBench() {}

  public static void main(String[] args) throws Exception {
    Duration phase = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 30));
    int concurrency = Integer.getInteger("bench.patch-concurrency", 4);
    int flooders = Integer.getInteger("bench.flooders", 8);
    String maxPerAddress = System.getProperty("bench.max-per-address", "100000000");
    String maxTotal = System.getProperty("bench.max-total");
    StringBuilder report = new StringBuilder("# Registration flood benchmark\n\n");
    report.append(Reports.machine()).append('\n');
    StackSettings settings =
        StackSettings.forTests(Path.of("bench", "target", "stack").toAbsolutePath())
            .clean()
            .serviceEnvironment(Service.USER, "AUTH_REGISTRATION_MAX_PER_ADDRESS", maxPerAddress);
    if (maxTotal != null) {
      settings.serviceEnvironment(Service.USER, "AUTH_REGISTRATION_MAX_TOTAL", maxTotal);
    }
    String summary;
    try (Stack stack = Stack.start(settings)) {
      report.append(Reports.versions(stack)).append('\n');
      ClosedLoopPatches patches = new ClosedLoopPatches(stack, "rf");
      double warm = patches.service(concurrency, warmup).throughput();
      report.append(
          String.format(
              "Warm-up (not measured): PATCH at concurrency %d for %d s, %.0f req/s.%n%n",
              concurrency, warmup.toSeconds(), warm));

      Load.Result unloaded = patches.service(concurrency, phase);
      Flood flood = new Flood(new UserApi(stack.userService().baseUrl()), flooders);
      Load.Result loaded;
      try {
        flood.awaitFirstAnswers(Duration.ofSeconds(30));
        loaded = patches.service(concurrency, phase);
      } finally {
        flood.stop();
      }
      double ratio =
          loaded.latencies().percentileMs(0.99) / unloaded.latencies().percentileMs(0.99);
      report.append(
          String.format(
              "## PATCH /api/users/{id} at concurrency %d, %d s each%n%n"
                  + "| | req/s | p50 ms | p99 ms | failed |%n|---|---:|---:|---:|---:|%n",
              concurrency, phase.toSeconds()));
      report.append(row("unloaded", unloaded)).append(row("registration flood", loaded));
      report.append(
          String.format(
              "%n%d flooders registering as fast as answered (per-address limit %s, total limit"
                  + " %s): answers by status %s over %.0f s.%n%nLoaded p99 / unloaded p99: %.2f"
                  + " (goal: at most 2).%n",
              flooders,
              maxPerAddress,
              maxTotal == null ? "the default" : maxTotal,
              flood.statuses(),
              flood.seconds(),
              ratio));
      summary =
          String.format(
              "| %s | PATCH c=%d p99 %.1f ms unloaded, %.1f ms under a flood of %d registering"
                  + " clients: %.2f x (p50 %.1f -> %.1f ms); flood answers %s |",
              LocalDate.now(),
              concurrency,
              unloaded.latencies().percentileMs(0.99),
              loaded.latencies().percentileMs(0.99),
              flooders,
              ratio,
              unloaded.latencies().percentileMs(0.5),
              loaded.latencies().percentileMs(0.5),
              flood.statuses());
    }
    report.append(String.format("%n## Summary (a row for docs/performance.md)%n%n%s%n", summary));
    System.out.println(report);
    Path out = Path.of("bench", "target", "registration-flood-report.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }

  private static String row(String name, Load.Result r) {
    return String.format(
        "| %s | %.1f | %.1f | %.1f | %d |%n",
        name,
        r.throughput(),
        r.latencies().percentileMs(0.5),
        r.latencies().percentileMs(0.99),
        r.failed());
  }

  /** Clients registering new users in a loop until stopped; the answers counted by status. */
  private static final class Flood {
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService pool;
    private final long start = System.nanoTime();
    private volatile long end;

    Flood(UserApi api, int clients) {
      pool = Executors.newFixedThreadPool(clients);
      for (int c = 0; c < clients; c++) {
        String label = "flood" + c;
        pool.submit(
            () -> {
              while (running.get()) {
                int status = api.registrationStatus(label);
                statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
              }
            });
      }
    }

    /**
     * Until the service answered the flood at all (its first hashes run by then); a flood that got
     * no answer would measure nothing, so that ends the bench.
     */
    void awaitFirstAnswers(Duration timeout) {
      Poll.until(
          "the service to answer the flood",
          timeout,
          Duration.ofMillis(50),
          () -> !statuses.isEmpty(),
          answered -> answered);
    }

    void stop() throws InterruptedException {
      running.set(false);
      end = System.nanoTime();
      pool.shutdown();
      pool.awaitTermination(2, TimeUnit.MINUTES);
    }

    double seconds() {
      return (end - start) / 1e9;
    }

    Map<Integer, Long> statuses() {
      Map<Integer, Long> counts = new TreeMap<>();
      statuses.forEach((status, n) -> counts.put(status, n.get()));
      return counts;
    }
  }
}

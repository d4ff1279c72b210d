package dev.outboxref.bench;

import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import dev.outboxref.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.ConnectorConfig;

/**
 * This project's relay against Debezium's outbox event router on the same outbox table, database,
 * broker and write load, each relaying alone: the commit-to-acknowledgement latency at offered
 * write rates, and the drain rate of a backlog, with a raw producer sending the same backlog as the
 * baseline. Starts its own stack (free ports, embedded PostgreSQL with {@code wal_level=logical},
 * no post service), prints a Markdown report and writes it to
 * bench/target/relay-vs-debezium-report.md.
 *
 * <p>The write load is the user service's own (PATCH through its REST API, {@link OpenLoopPatches})
 * on every path, so every outbox row is written by the same transaction and the relay gets the
 * wake-up after commit it gets in production. For Debezium the relay is kept from publishing by
 * {@link RelayFence}; Debezium runs in this JVM ({@link DebeziumOutboxRelay}) with a fresh
 * replication slot per measurement. Both are observed the same way, by the broker's append time of
 * each record ({@link AppendTimes}).
 *
 * <p>Run it: {@code ./mvnw -q install -DskipTests}, then {@code java -cp
 * "bench/target/bench.jar:bench/target/lib/*" dev.outboxref.bench.RelayVsDebeziumBench}. System
 * properties: {@code bench.seconds} per rate, path and round (15), {@code bench.rounds} (2: the
 * paths take turns at each rate this many times, and the report pools each path's rounds), {@code
 * bench.rates} (100,300,600: low, middle and near the write path's saturation on a 2-core machine),
 * {@code bench.backlog} (100000), {@code bench.debezium-poll-ms} (500,5: Debezium's default and the
 * relay's linger.ms; one Debezium path per value; empty for the relay alone). Latency is timed from
 * each event's commit as PostgreSQL recorded it ({@link CommitTimes}).
 */
public final class RelayVsDebeziumBench {

  /** Debezium's own default of poll.interval.ms. */
  private static final int DEBEZIUM_DEFAULT_POLL_MS = 500;

  /** One way of relaying the outbox. */
  private interface Relaying {
    String name();

    /** Nothing is relayed from now on until {@link #start}, which then relays it too. */
    void hold() throws Exception;

    /** Relays until the returned handle is closed. */
    AutoCloseable start() throws Exception;
  }

  /** The user service's relay, fenced off while it does not measure. */
  private record ServiceRelay(Stack stack, RelayFence fence) implements Relaying {
    @Override
    public String name() {
      return "outbox relay (user service)";
    }

    @Override
    public void hold() throws Exception {
      fence.raise();
    }

    /** Relays until closed; closing waits for the relay to mark what it sent, then fences it. */
    @Override
    public AutoCloseable start() throws Exception {
      fence.lower();
      return () -> {
        awaitOutboxEmpty(stack);
        fence.raise();
      };
    }
  }

  /** Debezium's embedded engine with the outbox event router, the relay fenced off throughout. */
  private record Debezium(Stack stack, RelayFence fence, int pollIntervalMs) implements Relaying {
    @Override
    public String name() {
      return "Debezium, poll.interval.ms="
          + pollIntervalMs
          + (pollIntervalMs == DEBEZIUM_DEFAULT_POLL_MS ? " (its default)" : "");
    }

    @Override
    public void hold() throws Exception {
      fence.raise();
      DebeziumOutboxRelay.createSlot(stack);
    }

    @Override
    public AutoCloseable start() throws Exception {
      DebeziumOutboxRelay relay = DebeziumOutboxRelay.start(stack, pollIntervalMs);
      return () -> {
        relay.close();
        removeRelayed(stack);
      };
    }
  }

  /**
   * One path at one offered rate, one round.
   *
   * @param committed the commit time of each event's transaction, by user id ({@link CommitTimes})
   */
  private record Phase(
      int offered,
      String path,
      OpenLoopPatches.Result load,
      AppendTimes.Observed observed,
      Map<String, Long> committed) {}

  private RelayVsDebeziumBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = Integer.getInteger("bench.seconds", 15);
    int rounds = Integer.getInteger("bench.rounds", 2);
    List<Integer> rates = ints("bench.rates", "100,300,600");
    int backlog = Integer.getInteger("bench.backlog", 100_000);
    List<Integer> polls = ints("bench.debezium-poll-ms", DEBEZIUM_DEFAULT_POLL_MS + ",5");
    StringBuilder report =
        new StringBuilder("# Outbox relay against Debezium's outbox event router\n\n");
    report.append(Reports.machine()).append('\n');
    List<Phase> phases = new ArrayList<>();
    Map<String, AppendTimes.Observed> drains = new LinkedHashMap<>();
    AppendTimes.Observed raw;
    StackSettings settings =
        StackSettings.forTests(Path.of("bench", "target", "stack").toAbsolutePath())
            .clean()
            .logicalReplication()
            .withoutPostService();
    try (Stack stack = Stack.start(settings);
        RelayFence fence = new RelayFence(stack)) {
      report.append(Reports.versions(stack)).append('\n');
      report.append(
          String.format(
              "Debezium %s (embedded engine, PostgreSQL connector with pgoutput, outbox event"
                  + " router), Kafka Connect %s.%n%n",
              DebeziumOutboxRelay.version(),
              Reports.jarVersion(ConnectorConfig.class, "connect-runtime")));
      AppendTimes.useBrokerTimestamps(stack);
      DebeziumOutboxRelay.createPublication(stack);
      List<Relaying> paths = new ArrayList<>();
      paths.add(new ServiceRelay(stack, fence));
      for (int poll : polls) {
        paths.add(new Debezium(stack, fence, poll));
      }
      // not reported: each path once at the lowest rate warms up its JVM and connections
      for (int p = 0; p < paths.size(); p++) {
        latency(stack, paths.get(p), "w-" + p, rates.get(0), seconds);
      }
      // the paths take turns at each rate, round after round, so that a slower minute of the
      // machine falls on every path alike
      for (int round = 0; round < rounds; round++) {
        for (int rate : rates) {
          for (int p = 0; p < paths.size(); p++) {
            String label = "r" + round + "-" + rate + "-" + p;
            phases.add(latency(stack, paths.get(p), label, rate, seconds));
          }
        }
      }
      // not reported: a first backlog of the same size warms up each path's batch-sized work
      for (int p = 0; p < paths.size(); p++) {
        drain(stack, paths.get(p), "dw-" + p, backlog);
      }
      sendRaw(stack, "dw-raw", backlog);
      for (int p = 0; p < paths.size(); p++) {
        drains.put(paths.get(p).name(), drain(stack, paths.get(p), "d-" + p, backlog));
      }
      raw = sendRaw(stack, "d-raw", backlog);
    }
    report.append(method(seconds, rounds, backlog));
    report.append(latencyTable(phases));
    report.append(headers(phases));
    report.append(drainTable(backlog, drains, raw));
    System.out.println(report);
    Path out = Path.of("bench", "target", "relay-vs-debezium-report.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }

  /** The baseline: the backlog's records sent by a plain producer straight from memory. */
  private static AppendTimes.Observed sendRaw(Stack stack, String label, int count)
      throws Exception {
    List<UserEvent> events = Backlog.events(label, count);
    Map<TopicPartition, Long> from = AppendTimes.endOffsets(stack);
    Backlog.send(stack, events);
    return AppendTimes.await(stack, from, label, count, Duration.ofMinutes(15));
  }

  /** The path relays the user service's own writes at the offered rate, the others held. */
  private static Phase latency(Stack stack, Relaying path, String label, int rate, int seconds)
      throws Exception {
    List<String> ids = OpenLoopPatches.seedUsers(stack, label, rate * seconds);
    path.hold();
    Map<TopicPartition, Long> from = AppendTimes.endOffsets(stack);
    try (AutoCloseable relaying = path.start()) {
      OpenLoopPatches.Result load = OpenLoopPatches.run(stack, ids, rate, "Relay bench 2");
      AppendTimes.Observed observed =
          AppendTimes.await(stack, from, label, load.sent() - load.failed(), Duration.ofMinutes(5));
      return new Phase(rate, path.name(), load, observed, CommitTimes.of(stack, label));
    }
  }

  /** The backlog goes into the outbox while the path holds, then the path drains it. */
  private static AppendTimes.Observed drain(Stack stack, Relaying path, String label, int count)
      throws Exception {
    List<UserEvent> events = Backlog.events(label, count);
    path.hold();
    Backlog.insert(stack, events);
    Map<TopicPartition, Long> from = AppendTimes.endOffsets(stack);
    try (AutoCloseable relaying = path.start()) {
      // the records are read once all are in, as the raw producer's are: the append times are
      // the broker's, so reading later changes no figure, and a reader tailing the topic would
      // take CPU from the path it measures
      AppendTimes.awaitAppended(stack, from, count, Duration.ofMinutes(15));
    }
    return AppendTimes.await(stack, from, label, count, Duration.ofMinutes(5));
  }

  /**
   * Waits until the relay has marked everything it sent (a published event's row is deleted), so
   * that fencing it leaves nothing behind to be sent again.
   */
  private static void awaitOutboxEmpty(Stack stack) throws Exception {
    try (Connection c = stack.database().connectAs(Database.USER_DB)) {
      Poll.until(
          "the relay to mark what it sent",
          Duration.ofSeconds(60),
          Duration.ofMillis(50),
          () -> {
            try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM outbox")) {
              rs.next();
              return rs.getLong(1);
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          },
          left -> left == 0);
    }
  }

  /**
   * What Debezium relayed is removed from the outbox as the relay removes what it sent, so that the
   * relay, leading again, does not send it a second time.
   */
  private static void removeRelayed(Stack stack) throws Exception {
    try (Connection c = stack.database().connectAs(Database.USER_DB);
        Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM outbox");
    }
  }

  private static String method(int seconds, int rounds, int backlog) {
    return String.format(
        "Every path relays the same outbox table in userdb to the same topic (user-events, 6"
            + " partitions) on the same broker, alone: while Debezium runs, the user service's"
            + " relay is kept from publishing by the bench holding the advisory lock its leader"
            + " election takes, and Debezium runs only when it is measured, each time on a new"
            + " replication slot."
            + " Debezium's producer has the relay's settings (acks=all, idempotence, 5 requests in"
            + " flight, linger.ms=5, no compression), the same key (the user id, aggregate_id)"
            + " and value (the serialized UserEvent, payload), and the relay's headers mapped from"
            + " columns by the outbox event router, content-type by Kafka Connect's InsertHeader"
            + " (the router's own id header dropped, Debezium's context headers off)."
            + " A batch from the engine is sent, its acknowledgements awaited, and then marked"
            + " processed, as Debezium Server's Kafka sink does; Debezium's settings are its"
            + " defaults (max.batch.size 2048) but poll.interval.ms, named per path: it is how long"
            + " the connector waits for a batch to fill, so it bounds the latency at low rates."
            + " PostgreSQL runs with wal_level=logical and track_commit_timestamp for every path"
            + " (Debezium needs the first, the bench the second). The post service is not"
            + " started: nothing consumes the topic but the bench.%n%n"
            + "**Write load**, the same for every path: PATCH /api/users/{id} through the user"
            + " service, open loop at the offered rate for %d s (up to 64 requests in flight),"
            + " each request changing a different seeded user once, so each outbox row is written"
            + " by the service's own transaction and the relay is woken after its commit as in"
            + " production. A first round of every path at the lowest rate is not reported"
            + " (warm-up); then %d rounds, in each of which every path takes its turn at each"
            + " rate, and each row below pools a path's rounds at a rate.%n%n"
            + "**Commit to acknowledgement**: from the commit of the event's transaction, as"
            + " PostgreSQL recorded it (pg_xact_commit_timestamp of the transaction that wrote the"
            + " user's row and the event, read after the load), to the broker's append time of the"
            + " event's record (the topic is set to LogAppendTime, so one clock, the broker's,"
            + " observes every path; on one broker the acknowledgement of acks=all follows the"
            + " append at once). PostgreSQL takes the commit time just before it writes and"
            + " flushes the commit record, so the flush is part of every path's latency, as"
            + " nothing can see the event before it. Both clocks are this machine's; the append"
            + " time is in whole milliseconds. The second table times the same events from their"
            + " occurred-at instead (stamped by the service before its statements and the commit,"
            + " as the reports before 2026-12-04 did).%n%n"
            + "**Drain**: %d events over 1000 users (committed 500 to a transaction) are written"
            + " into the outbox while the path holds (relay fenced, Debezium not running but its"
            + " slot made), then the path relays them; the rate is the events over the time from"
            + " the first append to the last. The raw KafkaProducer baseline sends the same"
            + " records with the relay's settings, key and headers straight from memory. Each"
            + " path, the baseline too, first drains a backlog of the same size, not reported"
            + " (warm-up).%n%n",
        seconds, rounds, backlog);
  }

  /** The rounds of each path at each rate, in the order first measured. */
  private static Map<String, List<Phase>> byRateAndPath(List<Phase> phases) {
    Map<String, List<Phase>> pooled = new LinkedHashMap<>();
    for (Phase p : phases) {
      pooled.computeIfAbsent(p.offered() + " " + p.path(), k -> new ArrayList<>()).add(p);
    }
    return pooled;
  }

  private static String latencyTable(List<Phase> phases) {
    StringBuilder t =
        new StringBuilder(
            "## Commit to broker acknowledgement\n\n"
                + "| offered writes/s | path | achieved writes/s | events | failed requests"
                + " | p50 ms | p95 ms | p99 ms | max ms |\n"
                + "|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
    StringBuilder occurred =
        new StringBuilder(
            "From occurred-at (before the statements and the commit) to acknowledgement, the same"
                + " events:\n\n"
                + "| offered writes/s | path | p50 ms | p95 ms | p99 ms | max ms |\n"
                + "|---:|---|---:|---:|---:|---:|\n");
    for (List<Phase> rounds : byRateAndPath(phases).values()) {
      Phase first = rounds.get(0);
      Latencies fromCommit = new Latencies();
      Latencies fromOccurred = new Latencies();
      double achieved = 0;
      long failed = 0;
      for (Phase p : rounds) {
        fromCommit.addAll(p.observed().fromCommit(p.committed()));
        fromOccurred.addAll(p.observed().latencies());
        achieved += p.load().achieved() / rounds.size();
        failed += p.load().failed();
      }
      t.append(
          String.format(
              "| %d | %s | %.0f | %d | %d | %s |%n",
              first.offered(),
              first.path(),
              achieved,
              fromCommit.count(),
              failed,
              percentiles(fromCommit)));
      occurred.append(
          String.format(
              "| %d | %s | %s |%n", first.offered(), first.path(), percentiles(fromOccurred)));
    }
    return t.append('\n').append(occurred).append('\n').toString();
  }

  private static String percentiles(Latencies l) {
    return String.format(
        "%.1f | %.1f | %.1f | %.1f",
        l.percentileMs(0.50), l.percentileMs(0.95), l.percentileMs(0.99), l.percentileMs(1.0));
  }

  /** The header names each path's records carried, so a difference in what is sent shows. */
  private static String headers(List<Phase> phases) {
    Map<String, Set<String>> byPath = new LinkedHashMap<>();
    for (Phase p : phases) {
      byPath.putIfAbsent(p.path(), p.observed().headerNames());
    }
    StringBuilder s = new StringBuilder("Record headers:");
    byPath.forEach(
        (path, names) -> s.append(" ").append(path).append(": ").append(names).append(';'));
    s.setLength(s.length() - 1);
    return s.append(". Every record was keyed by its event's user id.\n\n").toString();
  }

  private static String drainTable(
      int backlog, Map<String, AppendTimes.Observed> drains, AppendTimes.Observed raw) {
    StringBuilder t =
        new StringBuilder(
            String.format(
                "## Drain of a backlog of %d events%n%n"
                    + "| path | events | seconds (first to last append) | events/s"
                    + " | share of raw producer |%n"
                    + "|---|---:|---:|---:|---:|%n",
                backlog));
    drains.forEach((path, observed) -> t.append(drainRow(path, observed, raw)));
    t.append(drainRow("raw KafkaProducer, same records and settings (baseline)", raw, raw));
    return t.toString();
  }

  private static String drainRow(String path, AppendTimes.Observed o, AppendTimes.Observed raw) {
    return String.format(
        "| %s | %d | %.2f | %.0f | %.2f |%n",
        path, o.samples().size(), o.samples().size() / o.rate(), o.rate(), o.rate() / raw.rate());
  }

  private static List<Integer> ints(String property, String defaults) {
    List<Integer> values = new ArrayList<>();
    for (String v : System.getProperty(property, defaults).split(",")) {
      if (!v.isBlank()) {
        values.add(Integer.parseInt(v.trim()));
      }
    }
    return values;
  }
}

package dev.outboxref.bench;

import com.google.protobuf.Timestamp;
import dev.outboxref.descriptor.Topics;
import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.proto.events.v1.UserProfileChanged;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.LibertyServer;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import dev.outboxref.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End to end lag: from a user change's commit at the user service to the post service's replica
 * update, at several offered write rates up to saturation, hop by hop ({@link Hops}: request to
 * userdb commit, commit to broker append, append to the replica's commit in postdb), next to the
 * write path's capacity measured in the same run (PATCH at concurrency 16, {@link
 * ClosedLoopPatches}), which the highest offered rate's end-to-end rate is held against. Each phase
 * changes every one of its own users exactly once (PATCH, open loop at the offered rate), so each
 * replica row then holds one event's exact lag: {@code updated_at} (when the replica applied it)
 * minus {@code source_occurred_at} (when the user service made the change, just before its commit);
 * both clocks are this machine's. Users are seeded straight into both databases at version 1. A
 * first phase at the lowest rate warms the JVMs up and is not reported. Then the same for the
 * consumer alone: events produced straight into the topic at offered rates, without the user
 * service and its relay.
 *
 * <p>Then the apply rate, against a baseline in the same run: the topic holds every event of the
 * run, and {@link RawReplicaApplier} (a plain KafkaConsumer with one JDBC upsert per poll) applies
 * it all to a table of its own; then the post service, restarted with an empty replica and its
 * stored offsets ({@code replica_offsets}) at 0, drains the same events, timed from its first to
 * its last stored offset. Prints a Markdown report and writes it with a PNG chart to bench/target.
 *
 * <p>Run it (it starts its own stack): {@code ./mvnw -q install -DskipTests}, then {@code java -cp
 * "bench/target/bench.jar:bench/target/lib/*" dev.outboxref.bench.ReplicaLagBench}. System
 * properties: {@code bench.seconds} per rate (15), {@code bench.rates} (100,200,400,800,1000,1200),
 * {@code bench.direct-rates} (500,1000,2000,4000,8000) for the consumer alone, {@code
 * bench.apply-rate} (true; false leaves out the apply-rate section, e.g. against a build whose
 * consumer keeps no offsets in postdb).
 */
public final class ReplicaLagBench {

  /** The lag percentiles of one offered rate. */
  record Phase(
      int offered,
      double achieved,
      long events,
      long failed,
      double p50,
      double p95,
      double p99,
      double max,
      Hops hops) {}

  /** Events applied in a span of time. */
  record Drain(long events, double seconds) {
    double rate() {
      return events / seconds;
    }
  }

  private ReplicaLagBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = Integer.getInteger("bench.seconds", 15);
    List<Integer> rates = new ArrayList<>();
    for (String r : System.getProperty("bench.rates", "100,200,400,800,1000,1200").split(",")) {
      rates.add(Integer.parseInt(r.trim()));
    }
    boolean applyRate = Boolean.parseBoolean(System.getProperty("bench.apply-rate", "true"));
    List<Integer> directRates = new ArrayList<>();
    for (String r :
        System.getProperty("bench.direct-rates", "500,1000,2000,4000,8000").split(",")) {
      directRates.add(Integer.parseInt(r.trim()));
    }
    StringBuilder report =
        new StringBuilder("# Replica lag benchmark (user commit to replica update)\n\n");
    report.append(Reports.machine()).append('\n');
    List<Phase> phases = new ArrayList<>();
    List<Phase> direct = new ArrayList<>();
    RawReplicaApplier.Result raw;
    Drain post;
    StackSettings settings =
        StackSettings.forTests(Path.of("bench", "target", "stack").toAbsolutePath()).clean();
    Load.Result capacity;
    List<Double> warmup;
    try (Stack stack = Stack.start(settings)) {
      report.append(Reports.versions(stack)).append('\n');
      AppendTimes.useBrokerTimestamps(stack);
      // not reported: the JIT's first minutes on 2 cores, until the write rate settles
      ClosedLoopPatches patches = new ClosedLoopPatches(stack, "capacity");
      warmup =
          patches.warmUp(
              16,
              Duration.ofSeconds(10),
              Duration.ofSeconds(Integer.getInteger("bench.max-warmup-seconds", 300)));
      // a warm-up of the open loop, not reported: connection pools, consumer assignment
      run(stack, "warmup", 50, 10);
      capacity = patches.service(16, Duration.ofSeconds(seconds));
      for (int rate : rates) {
        phases.add(run(stack, "r" + rate, rate, seconds));
      }
      for (int rate : directRates) {
        direct.add(runDirect(stack, "d" + rate, rate, seconds));
      }
      if (applyRate) {
        raw = RawReplicaApplier.run(stack, Topics.USER_EVENTS);
        post = postServiceDrain(stack, raw.endOffsetSum());
      } else {
        raw = null;
        post = null;
      }
    }
    report.append(
        String.format(
            "Each offered rate for %d s, PATCH /api/users/{id} in an open loop (up to 64 requests in"
                + " flight), each request changing a different user once.%n%n",
            seconds));
    report.append(
        String.format(
            "Warm-up (not measured): PATCH at concurrency 16 in 10 s slices until three in a row"
                + " were within 5 %% of their mean, req/s: %s.%n%n",
            warmup.stream().map(r -> String.format("%.0f", r)).toList()));
    report.append(table(phases));
    report.append('\n').append(saturation(phases));
    report.append('\n').append(hopTable(phases));
    Phase highest = phases.get(phases.size() - 1);
    double share = highest.hops().replicaRate() / capacity.throughput();
    report.append(
        String.format(
            "%nThe write path's capacity in this run: %.0f req/s (PATCH at concurrency 16, closed"
                + " loop, %d s). At the highest offered rate (%d writes/s) the replica took in %.0f"
                + " changes/s end to end (first request to last replica commit): %.2f of that"
                + " capacity.%n",
            capacity.throughput(),
            seconds,
            highest.offered(),
            highest.hops().replicaRate(),
            share));
    report.append(
        String.format(
            "%n## The consumer alone: events produced straight into the topic%n%n"
                + "The same measure without the user service and its relay: a producer in this JVM"
                + " (acks=all, linger.ms=5) sends each user of a seeded set one profile change, open"
                + " loop at the offered rate for %d s, occurred_at stamped just before the send; the"
                + " lag is the replica update minus that stamp, so it holds the producer's batching,"
                + " the broker and the consumer.%n%n",
            seconds));
    report.append(table(direct).replace("writes/s", "events/s"));
    report.append("\n![lag percentiles against offered load](replica-lag.png)\n\n");
    if (applyRate) {
      report.append(applyRates(raw, post));
    }
    Path out = Path.of("bench", "target");
    LagChart.write(phases, out.resolve("replica-lag.png"));
    Files.writeString(out.resolve("replica-lag-report.md"), report);
    System.out.println(report);
  }

  private static String table(List<Phase> phases) {
    StringBuilder table =
        new StringBuilder(
            "| offered writes/s | achieved writes/s | events | failed requests | p50 ms | p95 ms"
                + " | p99 ms | max ms |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Phase p : phases) {
      table.append(
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
    return table.toString();
  }

  /** Each offered rate's hops, p50 / p99 in ms. */
  private static String hopTable(List<Phase> phases) {
    StringBuilder t =
        new StringBuilder(
            "Hop by hop (p50 / p99 ms; commit times from PostgreSQL, appends from the broker):\n\n"
                + "| offered writes/s | request to commit | commit to append | append to replica"
                + " commit | end to end | end-to-end p50 / sum of hop p50s | replica changes/s |\n"
                + "|---:|---|---|---|---|---:|---:|\n");
    for (Phase p : phases) {
      Hops h = p.hops();
      t.append(
          String.format(
              "| %d | %s | %s | %s | %s | %.2f | %.0f |%n",
              p.offered(),
              p50p99(h.requestToCommit()),
              p50p99(h.commitToAppend()),
              p50p99(h.appendToReplica()),
              p50p99(h.requestToReplica()),
              h.requestToReplica().percentileMs(0.5) / h.sumOfHopMediansMs(),
              h.replicaRate()));
    }
    return t.toString();
  }

  private static String p50p99(Latencies l) {
    return String.format("%.1f / %.1f", l.percentileMs(0.5), l.percentileMs(0.99));
  }

  /** The highest offered rate the user service kept up with, and the most it achieved. */
  private static String saturation(List<Phase> phases) {
    Phase best = phases.get(0);
    int keptUp = 0;
    for (Phase p : phases) {
      if (p.achieved() >= 0.95 * p.offered()) {
        keptUp = Math.max(keptUp, p.offered());
      }
      if (p.achieved() > best.achieved()) {
        best = p;
      }
    }
    if (keptUp == phases.get(phases.size() - 1).offered()) {
      return String.format(
          "Saturation: not reached; every offered rate was achieved within 5%%.%n");
    }
    return String.format(
        "Saturation: achieved within 5%% of offered %s; at most %.0f writes/s achieved (offered"
            + " %d).%n",
        keptUp == 0 ? "at no rate" : "up to " + keptUp + " writes/s",
        best.achieved(),
        best.offered());
  }

  private static String applyRates(RawReplicaApplier.Result raw, Drain post) {
    double ratio = post.rate() / raw.rate();
    return String.format(
        "## Apply rate: the whole topic again, against a raw consumer%n%n"
            + "After the phases above, topic %s holds every event of the run (%d in %d"
            + " partitions). Both read it from offset 0 into an empty table in postdb. The"
            + " baseline is a plain KafkaConsumer (max.poll.records=500) applying each poll batch,"
            + " deduplicated to the newest version per user, with one multi-row conditional upsert"
            + " (INSERT ... SELECT FROM unnest ... ON CONFLICT DO UPDATE WHERE newer) in one"
            + " transaction, then committing its offsets; it is timed from its first batch to its"
            + " end offsets. The post service is then stopped, its replica truncated and its stored"
            + " offsets (replica_offsets) set to 0, and started again; it is timed from the first"
            + " move of its stored offsets to their reaching the end offsets (polled every 50 ms),"
            + " over the events applied in between.%n%n"
            + "| consumer | events | seconds | events/s | share of raw |%n"
            + "|---|---:|---:|---:|---:|%n"
            + "| post service | %d | %.1f | %.0f | %.2f |%n"
            + "| raw KafkaConsumer + JDBC batch upsert (baseline) | %d | %.1f | %.0f | 1.00 |%n%n"
            + "Target: the post service at 0.5x the raw rate or more: %s (%.2fx).%n",
        Topics.USER_EVENTS,
        raw.endOffsetSum(),
        raw.endOffsets().size(),
        post.events(),
        post.seconds(),
        post.rate(),
        ratio,
        raw.events(),
        raw.seconds(),
        raw.rate(),
        ratio >= 0.5 ? "met" : "not met",
        ratio);
  }

  /**
   * The post service drains the topic again from offset 0 into an empty replica: stopped, reset,
   * launched, and timed while it starts (its consumer may run before the server reports ready).
   */
  private static Drain postServiceDrain(Stack stack, long endOffsets) throws Exception {
    LibertyServer server = stack.postService();
    server.stop();
    try (Connection c = stack.database().connectAs(Database.POST_DB);
        Statement s = c.createStatement()) {
      s.executeUpdate("TRUNCATE user_replica");
      s.executeUpdate("UPDATE replica_offsets SET next_offset = 0");
    }
    server.launch();
    // when the first offsets were stored, how many, and when the last poll read them
    long[] first = {-1, 0};
    long[] lastRead = {0};
    try (Connection c = stack.database().connectAs(Database.POST_DB);
        PreparedStatement st =
            c.prepareStatement(
                "SELECT coalesce(sum(next_offset), 0) FROM replica_offsets WHERE topic = ?")) {
      st.setString(1, Topics.USER_EVENTS);
      Poll.until(
          "the post service to drain "
              + endOffsets
              + " events (stored offsets; log: "
              + server.messagesLog()
              + ")",
          Duration.ofMinutes(10),
          Duration.ofMillis(50),
          () -> {
            if (!server.isRunning()) {
              throw new IllegalStateException(
                  "the post service stopped while draining (log: " + server.messagesLog() + ")");
            }
            long offsets = storedOffsets(st);
            lastRead[0] = System.nanoTime();
            if (first[0] < 0 && offsets > 0) {
              first[0] = lastRead[0];
              first[1] = offsets;
            }
            return offsets;
          },
          offsets -> offsets >= endOffsets);
      server.awaitReady();
      return new Drain(endOffsets - first[1], (lastRead[0] - first[0]) / 1e9);
    }
  }

  private static long storedOffsets(PreparedStatement st) {
    try (ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Phase run(Stack stack, String label, int rate, int seconds) throws Exception {
    List<String> ids = seed(stack, label, rate * seconds);
    Map<TopicPartition, Long> from = AppendTimes.endOffsets(stack);
    OpenLoopPatches.Result load = OpenLoopPatches.run(stack, ids, rate, "Lag bench 2");
    long acknowledged = load.sent() - load.failed();
    awaitApplied(stack, label, acknowledged);
    AppendTimes.Observed seen =
        AppendTimes.await(stack, from, label, acknowledged, Duration.ofMinutes(2));
    Hops hops = Hops.of(stack, label, load.sentMicros(), seen);
    return lag(stack, label, rate, load.achieved(), load.failed(), hops);
  }

  /** The consumer alone: each seeded user's version 2 produced straight into the topic. */
  private static Phase runDirect(Stack stack, String label, int rate, int seconds)
      throws Exception {
    int count = rate * seconds;
    List<String> ids = seed(stack, label, count);
    Properties props = stack.broker().adminConfig();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    long interval = 1_000_000_000L / rate;
    long start;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        LockSupport.parkNanos(start + i * interval - System.nanoTime()); // pacing of the open loop
        String id = ids.get(i);
        producer.send(
            new ProducerRecord<>(
                Topics.USER_EVENTS, id, profileChanged(id, 2, "Lag bench 2", label)));
      }
      producer.flush();
    }
    double achieved = count / ((System.nanoTime() - start) / 1e9);
    awaitApplied(stack, label, count);
    return lag(stack, label, rate, achieved, 0, null);
  }

  /**
   * A user's profile change as the relay would publish it (a serialized UserEvent), its occurred_at
   * stamped now.
   */
  static byte[] profileChanged(String userId, long version, String name, String nickname) {
    Instant now = Instant.now();
    return UserEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setUserId(userId)
        .setVersion(version)
        .setOccurredAt(
            Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .setProfileChanged(UserProfileChanged.newBuilder().setName(name).setNickname(nickname))
        .build()
        .toByteArray();
  }

  /** The lag percentiles of a phase's users, each changed once to version 2. */
  private static Phase lag(
      Stack stack, String label, int rate, double achieved, long failed, Hops hops)
      throws Exception {
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
          failed,
          rs.getDouble(2),
          rs.getDouble(3),
          rs.getDouble(4),
          rs.getDouble(5),
          hops);
    }
  }

  /** Users at version 1 in userdb and, identical, in the replica; their nickname is the label. */
  private static List<String> seed(Stack stack, String label, int count) throws Exception {
    List<String> ids = OpenLoopPatches.seedUsers(stack, label, count);
    try (Connection replica = stack.database().connectAs(Database.POST_DB);
        PreparedStatement r =
            replica.prepareStatement(
                "INSERT INTO user_replica (user_id, name, nickname, version, deleted, updated_at)"
                    + " VALUES (?::uuid, 'Lag bench', ?, 1, false, now())")) {
      for (String id : ids) {
        r.setString(1, id);
        r.setString(2, label);
        r.addBatch();
      }
      r.executeBatch();
    }
    return ids;
  }

  private static void awaitApplied(Stack stack, String label, long expected) {
    Poll.until(
        "the replica to catch up with " + label,
        Duration.ofMinutes(10),
        Duration.ofMillis(200),
        () -> applied(stack, label),
        n -> n >= expected);
  }

  /** The seeded users of this label at version 2 in the replica. */
  private static long applied(Stack stack, String label) {
    try (Connection c = stack.database().connectAs(Database.POST_DB);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM user_replica WHERE version = 2 AND nickname = '"
                    + label
                    + "'")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

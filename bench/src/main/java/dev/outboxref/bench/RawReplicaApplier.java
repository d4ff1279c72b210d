package dev.outboxref.bench;

import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.Stack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The baseline of the post service's apply rate: how fast a plain KafkaConsumer applies the topic
 * to a copy of the replica table on this machine, each poll batch deduplicated to the newest
 * version per user and written with one multi-row conditional upsert in one transaction, then its
 * offsets committed. Nothing else (no framework, tracing, validation or parking), so it is the
 * consumer's physical limit here, and what the post service's consumer costs shows against it.
 */
final class RawReplicaApplier {

  /** Events consumed from the first batch to the end offsets, and the end offsets themselves. */
  record Result(long events, double seconds, Map<TopicPartition, Long> endOffsets) {
    double rate() {
      return events / seconds;
    }

    long endOffsetSum() {
      return endOffsets.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static final String TABLE = "bench_user_replica";

  private static final String UPSERT_IF_NEWER =
      "INSERT INTO "
          + TABLE
          + " (user_id, name, nickname, version, deleted, updated_at, source_occurred_at)"
          + " SELECT u.user_id, u.name, u.nickname, u.version, u.deleted, now(), u.occurred_at"
          + " FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::bigint[], ?::boolean[],"
          + " ?::timestamptz[]) AS u(user_id, name, nickname, version, deleted, occurred_at)"
          + " ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name,"
          + " nickname = EXCLUDED.nickname, version = EXCLUDED.version,"
          + " deleted = EXCLUDED.deleted, updated_at = EXCLUDED.updated_at,"
          + " source_occurred_at = EXCLUDED.source_occurred_at"
          + " WHERE "
          + TABLE
          + ".version < EXCLUDED.version";

  private RawReplicaApplier() {}

  /**
   * Reads the topic from the beginning up to its end offsets at the start into a table of its own
   * in postdb (as the post service's role, which owns the database), dropped again at the end.
   */
  static Result run(Stack stack, String topic) throws Exception {
    try (Connection db = stack.database().connectAs(Database.POST_DB)) {
      try (Statement s = db.createStatement()) {
        s.execute(
            "CREATE TABLE "
                + TABLE
                + " (user_id uuid PRIMARY KEY, name varchar(100), nickname varchar(50),"
                + " version bigint NOT NULL, deleted boolean NOT NULL, updated_at timestamptz"
                + " NOT NULL, source_occurred_at timestamptz)");
      }
      try {
        return consume(stack, topic, db);
      } finally {
        db.rollback(); // nothing after the last commit, unless a batch failed
        db.setAutoCommit(true);
        try (Statement s = db.createStatement()) {
          s.execute("DROP TABLE " + TABLE);
        }
      }
    }
  }

  private static Result consume(Stack stack, String topic, Connection db) throws Exception {
    Properties props = stack.broker().adminConfig();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    db.setAutoCommit(false);
    try (KafkaConsumer<String, byte[]> consumer =
            new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        PreparedStatement upsert = db.prepareStatement(UPSERT_IF_NEWER)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      consumer.subscribe(List.of(topic));
      long events = 0;
      long start = -1;
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "raw consumer did not reach the end offsets " + end + " within 10 minutes");
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
          continue;
        }
        if (start < 0) {
          start = System.nanoTime(); // the group join before the first batch is not timed
        }
        apply(records, db, upsert);
        db.commit();
        consumer.commitSync();
        events += records.count();
      }
      return new Result(events, (System.nanoTime() - start) / 1e9, end);
    }
  }

  /** Every partition assigned and its position at (or past) the end offset captured first. */
  private static boolean reached(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    if (!consumer.assignment().containsAll(end.keySet())) {
      return false;
    }
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** The batch, deduplicated to the newest version per user, in one statement. */
  private static void apply(
      ConsumerRecords<String, byte[]> records, Connection db, PreparedStatement upsert)
      throws Exception {
    Map<String, UserEvent> newest = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      UserEvent e = UserEvent.parseFrom(r.value());
      if (e.getChangeCase() != UserEvent.ChangeCase.CHANGE_NOT_SET) {
        newest.merge(e.getUserId(), e, (a, b) -> a.getVersion() >= b.getVersion() ? a : b);
      }
    }
    int n = newest.size();
    String[] ids = new String[n];
    String[] names = new String[n];
    String[] nicknames = new String[n];
    String[] versions = new String[n];
    String[] deleted = new String[n];
    String[] occurredAt = new String[n];
    int i = 0;
    for (UserEvent e : newest.values()) {
      ids[i] = e.getUserId();
      versions[i] = Long.toString(e.getVersion());
      deleted[i] = Boolean.toString(e.hasDeleted());
      if (e.hasRegistered()) {
        names[i] = e.getRegistered().getName();
        nicknames[i] = e.getRegistered().getNickname();
      } else if (e.hasProfileChanged()) {
        names[i] = e.getProfileChanged().getName();
        nicknames[i] = e.getProfileChanged().getNickname();
      }
      occurredAt[i] =
          e.hasOccurredAt()
              ? Instant.ofEpochSecond(e.getOccurredAt().getSeconds(), e.getOccurredAt().getNanos())
                  .toString()
              : null;
      i++;
    }
    // text arrays, cast in the statement: the same values whatever array types the driver knows
    upsert.setArray(1, db.createArrayOf("text", ids));
    upsert.setArray(2, db.createArrayOf("text", names));
    upsert.setArray(3, db.createArrayOf("text", nicknames));
    upsert.setArray(4, db.createArrayOf("text", versions));
    upsert.setArray(5, db.createArrayOf("text", deleted));
    upsert.setArray(6, db.createArrayOf("text", occurredAt));
    upsert.executeUpdate();
  }
}

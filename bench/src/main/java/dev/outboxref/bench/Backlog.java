package dev.outboxref.bench;

import dev.outboxref.descriptor.Topics;
import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.proto.events.v1.UserProfileChanged;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.Stack;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A backlog of profile changes over 1000 users, each event with its own id and version, as the user
 * service writes them: written into the outbox while nothing relays it (so a relay then drains it),
 * or sent by a plain producer as the relay would send them (the baseline).
 */
final class Backlog {

  private static final int USERS = 1000;

  /** Rows per transaction: a backlog builds up from many commits, not from one. */
  private static final int ROWS_PER_COMMIT = 500;

  private Backlog() {}

  /** {@code count} events; their nickname is the label, which tells this backlog on the topic. */
  static List<UserEvent> events(String label, int count) {
    List<UUID> users = new ArrayList<>(USERS);
    for (int u = 0; u < USERS; u++) {
      users.add(UUID.randomUUID());
    }
    Instant now = Instant.now();
    List<UserEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(
          UserEvent.newBuilder()
              .setEventId(UUID.randomUUID().toString())
              .setUserId(users.get(i % USERS).toString())
              .setVersion(i / USERS + 2)
              .setOccurredAt(
                  com.google.protobuf.Timestamp.newBuilder()
                      .setSeconds(now.getEpochSecond())
                      .setNanos(now.getNano()))
              .setProfileChanged(
                  UserProfileChanged.newBuilder().setName("Backlog " + i).setNickname(label))
              .build());
    }
    return events;
  }

  /** The events as outbox rows, unpublished, in the columns the user service fills. */
  static void insert(Stack stack, List<UserEvent> events) throws Exception {
    try (Connection c = stack.database().connectAs(Database.USER_DB);
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO outbox (event_id, aggregate_id, aggregate_version, event_type,"
                    + " payload, occurred_at) VALUES (?::uuid, ?::uuid, ?, 'UserProfileChanged',"
                    + " ?, ?)")) {
      c.setAutoCommit(false);
      for (int i = 0; i < events.size(); i++) {
        UserEvent e = events.get(i);
        st.setString(1, e.getEventId());
        st.setString(2, e.getUserId());
        st.setLong(3, e.getVersion());
        st.setBytes(4, e.toByteArray());
        st.setTimestamp(5, Timestamp.from(occurredAt(e)));
        st.addBatch();
        if ((i + 1) % ROWS_PER_COMMIT == 0 || i == events.size() - 1) {
          st.executeBatch();
          c.commit();
        }
      }
    }
  }

  /** The baseline: the events sent straight to the topic, with the relay's key and headers. */
  static void send(Stack stack, List<UserEvent> events) throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            RelayProducerSettings.of(stack), new StringSerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
      for (UserEvent e : events) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-id", utf8(e.getEventId()));
        headers.add("event-type", utf8("UserProfileChanged"));
        headers.add("aggregate-version", utf8(Long.toString(e.getVersion())));
        headers.add("content-type", utf8(RelayProducerSettings.CONTENT_TYPE));
        acks.add(
            producer.send(
                new ProducerRecord<>(
                    Topics.USER_EVENTS, null, e.getUserId(), e.toByteArray(), headers)));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    }
  }

  private static Instant occurredAt(UserEvent e) {
    return Instant.ofEpochSecond(e.getOccurredAt().getSeconds(), e.getOccurredAt().getNanos());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

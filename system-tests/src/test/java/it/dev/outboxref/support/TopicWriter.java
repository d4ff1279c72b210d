package it.dev.outboxref.support;

import com.google.protobuf.Timestamp;
import dev.outboxref.descriptor.Topics;
import dev.outboxref.proto.events.v1.UserDeleted;
import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.proto.events.v1.UserProfileChanged;
import dev.outboxref.proto.events.v1.UserRegistered;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes records straight into topic user-events, as a buggy or foreign producer could: duplicates,
 * old versions, garbage. Events are built like the user service builds them.
 */
public final class TopicWriter implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;

  public TopicWriter(Stack stack) {
    Properties props = stack.broker().adminConfig();
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    producer = new KafkaProducer<>(props);
  }

  public static UserEvent.Builder event(String userId, long version) {
    Instant now = Instant.now();
    return UserEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setUserId(userId)
        .setVersion(version)
        .setOccurredAt(
            Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()));
  }

  public static UserEvent registered(String userId, String name, String nickname) {
    return event(userId, 1)
        .setRegistered(UserRegistered.newBuilder().setName(name).setNickname(nickname))
        .build();
  }

  public static UserEvent profileChanged(
      String userId, long version, String name, String nickname) {
    return event(userId, version)
        .setProfileChanged(UserProfileChanged.newBuilder().setName(name).setNickname(nickname))
        .build();
  }

  public static UserEvent deleted(String userId, long version) {
    return event(userId, version).setDeleted(UserDeleted.getDefaultInstance()).build();
  }

  public RecordMetadata send(UserEvent event) {
    return send(event.getUserId(), event.toByteArray());
  }

  /** Sends one record and waits for the broker's acknowledgement. */
  public RecordMetadata send(String key, byte[] value) {
    try {
      return producer
          .send(new ProducerRecord<>(Topics.USER_EVENTS, key, value))
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("send to user-events", e);
    }
  }

  /** Sends without waiting; {@link #flush} waits for all. */
  public void sendAsync(UserEvent event) {
    producer.send(new ProducerRecord<>(Topics.USER_EVENTS, event.getUserId(), event.toByteArray()));
  }

  /** Ids of users nobody has written yet. */
  public static java.util.List<String> newUserIds(int count) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    return ids;
  }

  /**
   * Versions 1 to {@code versions} of every user, version by version (registered, then profile
   * changes named {@code name + version}, nickname the lower-case name), sent and flushed.
   */
  public void sendVersions(java.util.List<String> users, int versions, String name) {
    String nickname = name.toLowerCase(java.util.Locale.ROOT);
    for (int v = 1; v <= versions; v++) {
      for (String user : users) {
        sendAsync(
            v == 1
                ? registered(user, name + "1", nickname)
                : profileChanged(user, v, name + v, nickname));
      }
    }
    flush();
  }

  public void flush() {
    producer.flush();
  }

  /**
   * Waits until consumer group post-service has committed past the record, i.e. the post service
   * applied (or parked) it and everything before it in its partition.
   */
  public static void awaitConsumed(Stack stack, RecordMetadata record, Duration timeout) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    try (Admin admin = Admin.create(stack.broker().adminConfig())) {
      Poll.until(
          "post-service to consume " + partition + "@" + record.offset(),
          timeout,
          () -> committed(admin, partition),
          offset -> offset > record.offset());
    }
  }

  private static long committed(Admin admin, TopicPartition partition) {
    try {
      OffsetAndMetadata offset =
          admin
              .listConsumerGroupOffsets("post-service")
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS)
              .get(partition);
      return offset == null ? -1 : offset.offset();
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}

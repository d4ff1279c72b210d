package it.dev.outboxref.support;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.outboxref.descriptor.Topics;
import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads topic user-events from the beginning, as an independent consumer would. */
public final class UserEventsTopic implements AutoCloseable {

  /** One record as it arrived: key, decoded event and headers. */
  public record Received(
      String key, UserEvent event, Map<String, String> headers, byte[] rawValue) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Received> received = new ArrayList<>();

  public UserEventsTopic(Stack stack) {
    Properties props = stack.broker().adminConfig();
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer = new KafkaConsumer<>(props);
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.USER_EVENTS, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Polls until the records of the given users satisfy the condition; returns them by user. */
  public Map<String, List<Received>> awaitUsers(
      Set<String> userIds, Duration timeout, Predicate<Map<String, List<Received>>> done) {
    return Poll.until(
            "the events of " + userIds.size() + " users to be complete",
            timeout,
            Duration.ZERO, // the consumer's poll waits up to 200 ms for records by itself
            () -> {
              for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                // other tests write poison records on purpose; only the watched users' records
                // must decode
                if (userIds.contains(record.key())) {
                  received.add(decode(record));
                }
              }
              return new Seen(byUser(userIds));
            },
            seen -> done.test(seen.byUser()))
        .byUser();
  }

  /** What the topic held for the watched users; shown by version on a timeout. */
  private record Seen(Map<String, List<Received>> byUser) {
    @Override
    public String toString() {
      return "versions " + versions(byUser);
    }
  }

  /** Waits until every user's events reach at least the given version. */
  public Map<String, List<Received>> awaitVersions(
      Map<String, Long> lastVersions, Duration timeout) {
    return awaitUsers(
        lastVersions.keySet(),
        timeout,
        byUser ->
            lastVersions.entrySet().stream()
                .allMatch(
                    e ->
                        byUser.get(e.getKey()).stream()
                            .anyMatch(r -> r.event().getVersion() >= e.getValue())));
  }

  /**
   * The versions of one user's events on the topic, once one reaches {@code version}: after a last
   * accepted change, whether anything before it wrote an event (each user's events are in order).
   */
  public List<Long> versionsUpTo(String userId, long version, Duration timeout) {
    return versions(awaitVersions(Map.of(userId, version), timeout)).get(userId);
  }

  /** {@link #versionsUpTo} on a reader of its own, waiting up to 30 s. */
  public static List<Long> versionsUpTo(Stack stack, String userId, long version) {
    try (UserEventsTopic topic = new UserEventsTopic(stack)) {
      return topic.versionsUpTo(userId, version, Duration.ofSeconds(30));
    }
  }

  public static Map<String, List<Long>> versions(Map<String, List<Received>> byUser) {
    Map<String, List<Long>> versions = new HashMap<>();
    byUser.forEach((k, v) -> versions.put(k, v.stream().map(r -> r.event().getVersion()).toList()));
    return versions;
  }

  private Map<String, List<Received>> byUser(Set<String> userIds) {
    Map<String, List<Received>> byUser = new HashMap<>();
    userIds.forEach(id -> byUser.put(id, new ArrayList<>()));
    for (Received r : received) {
      if (byUser.containsKey(r.key())) {
        byUser.get(r.key()).add(r);
      }
    }
    return byUser;
  }

  private static Received decode(ConsumerRecord<String, byte[]> record) {
    Map<String, String> headers = new HashMap<>();
    for (Header h : record.headers()) {
      headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    try {
      return new Received(
          record.key(), UserEvent.parseFrom(record.value()), headers, record.value());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("Not a UserEvent at offset " + record.offset(), e);
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}

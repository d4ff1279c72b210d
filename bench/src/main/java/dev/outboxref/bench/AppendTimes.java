package dev.outboxref.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.outboxref.descriptor.Topics;
import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One observer for every path that publishes: the broker's own clock. Topic user-events is set to
 * LogAppendTime, so each record carries the time the broker appended it (on this single broker the
 * acknowledgement of acks=all follows the append at once), whoever sent it; the event's occurred-at
 * is in its payload. Reads the topic from given offsets and collects the events of one label (the
 * users' nickname), each once, checking that each is keyed by its user id.
 */
final class AppendTimes {

  /**
   * One event: whose it is, when it occurred (stamped in the writing transaction, before its
   * commit) and when it was appended.
   */
  record Sample(String userId, long occurredMicros, long appendedMillis) {
    long latencyMicros() {
      return appendedMillis * 1000 - occurredMicros;
    }
  }

  /** The events of a label and the header names their records carried. */
  record Observed(List<Sample> samples, Set<String> headerNames) {
    /** From each event's occurred-at to its append. */
    Latencies latencies() {
      Latencies l = new Latencies();
      samples.forEach(s -> l.add(s.latencyMicros()));
      return l;
    }

    /**
     * From the commit of each event's transaction to its append, the commit times by user id (as
     * {@link CommitTimes} reads them); an event whose commit time is unknown counts as missing.
     */
    Latencies fromCommit(Map<String, Long> committedMicros) {
      Latencies l = new Latencies();
      for (Sample s : samples) {
        Long committed = committedMicros.get(s.userId());
        if (committed == null) {
          throw new IllegalStateException("no commit time for the event of user " + s.userId());
        }
        l.add(s.appendedMillis() * 1000 - committed);
      }
      return l;
    }

    /** Events per second from the first append to the last. */
    double rate() {
      long first = samples.stream().mapToLong(Sample::appendedMillis).min().orElse(0);
      long last = samples.stream().mapToLong(Sample::appendedMillis).max().orElse(0);
      return samples.size() / ((last - first) / 1000.0);
    }
  }

  private AppendTimes() {}

  /** Sets the topic to LogAppendTime: from then on the broker stamps every record it appends. */
  static void useBrokerTimestamps(Stack stack) throws Exception {
    try (Admin admin = Admin.create(stack.broker().adminConfig())) {
      admin
          .incrementalAlterConfigs(
              Map.of(
                  new ConfigResource(ConfigResource.Type.TOPIC, Topics.USER_EVENTS),
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry("message.timestamp.type", "LogAppendTime"),
                          AlterConfigOp.OpType.SET))))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  /** Where the topic ends now: what a path publishes from here on is read from these. */
  static Map<TopicPartition, Long> endOffsets(Stack stack) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(stack)) {
      return consumer.endOffsets(partitions(consumer));
    }
  }

  /**
   * Waits until the topic holds at least {@code count} records past {@code from}, asking the broker
   * for its end offsets only: nothing is read meanwhile, so observing takes no CPU from the path
   * being measured (on 2 cores a consumer tailing the topic took a third to a half of one).
   */
  static void awaitAppended(
      Stack stack, Map<TopicPartition, Long> from, long count, Duration timeout) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(stack)) {
      Poll.until(
          count + " records appended",
          timeout,
          Duration.ofMillis(100),
          () -> appended(consumer, from),
          appended -> appended >= count);
    }
  }

  /** The records appended past {@code from}, by the broker's end offsets. */
  private static long appended(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> from) {
    long appended = 0;
    for (Map.Entry<TopicPartition, Long> end : consumer.endOffsets(from.keySet()).entrySet()) {
      appended += end.getValue() - from.get(end.getKey());
    }
    return appended;
  }

  /** Reads from {@code from} until {@code expected} events of the label are in, or fails. */
  static Observed await(
      Stack stack, Map<TopicPartition, Long> from, String label, long expected, Duration timeout) {
    List<Sample> samples = new ArrayList<>();
    Set<String> eventIds = new HashSet<>();
    Set<String> headerNames = new TreeSet<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer(stack)) {
      consumer.assign(from.keySet());
      from.forEach(consumer::seek);
      Poll.until(
          "the " + expected + " events of " + label + " (last seen: how many were read)",
          timeout,
          Duration.ZERO, // the consumer's poll waits up to 200 ms for records by itself
          () -> {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
              UserEvent event = decode(r);
              if (!event.getProfileChanged().getNickname().equals(label)
                  || !eventIds.add(event.getEventId())) {
                continue;
              }
              if (r.timestampType() != TimestampType.LOG_APPEND_TIME) {
                throw new IllegalStateException("topic is not LogAppendTime: " + r.timestampType());
              }
              if (!event.getUserId().equals(r.key())) {
                throw new IllegalStateException(
                    "event " + event.getEventId() + " keyed " + r.key() + ", not its user id");
              }
              for (Header h : r.headers()) {
                headerNames.add(h.key());
              }
              long occurred =
                  TimeUnit.SECONDS.toMicros(event.getOccurredAt().getSeconds())
                      + event.getOccurredAt().getNanos() / 1000;
              samples.add(new Sample(event.getUserId(), occurred, r.timestamp()));
            }
            return samples.size();
          },
          seen -> seen >= expected);
    }
    return new Observed(samples, headerNames);
  }

  private static UserEvent decode(ConsumerRecord<String, byte[]> r) {
    try {
      return UserEvent.parseFrom(r.value());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(
          "not a UserEvent at " + r.topic() + "-" + r.partition() + "@" + r.offset(), e);
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(Stack stack) {
    Properties props = stack.broker().adminConfig();
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
    List<TopicPartition> partitions = new ArrayList<>();
    consumer
        .partitionsFor(Topics.USER_EVENTS)
        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    return partitions;
  }
}

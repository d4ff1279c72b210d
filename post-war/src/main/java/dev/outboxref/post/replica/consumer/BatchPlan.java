package dev.outboxref.post.replica.consumer;

import dev.outboxref.post.replica.PoisonEvent;
import dev.outboxref.post.replica.ReplicaChange;
import dev.outboxref.post.replica.UserEventDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What one poll batch does to postdb, decided before any database work: the replica changes to
 * upsert, the poison records to park, and each partition's next offset. Within a batch only the
 * newest version of a user is kept (the older ones would lose against it under the version rule
 * anyway), so one multi-row upsert never touches a row twice.
 *
 * @param changes the newest change of each user in the batch, in first-seen order
 * @param poison the records that can never be applied, with their reasons, in offset order
 * @param nextOffsets for each partition in the batch, the offset after its last record
 * @param records every record of the batch, in the order polled
 * @param superseded how many decoded changes were dropped for a newer one of the same user
 */
record BatchPlan(
    List<Change> changes,
    List<Poison> poison,
    Map<TopicPartition, Long> nextOffsets,
    List<ConsumerRecord<String, byte[]>> records,
    int superseded) {

  /** A decoded change and the record it came from. */
  public record Change(ReplicaChange change, ConsumerRecord<String, byte[]> record) {}

  /** A record that can never be applied as it is, and why. */
  public record Poison(ConsumerRecord<String, byte[]> record, String reason) {}

  /** Decodes every record; a record that does not decode is poison, the rest are changes. */
  public static BatchPlan of(Iterable<ConsumerRecord<String, byte[]>> polled) {
    Map<UUID, Change> newest = new LinkedHashMap<>();
    List<Poison> poison = new ArrayList<>();
    Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    int superseded = 0;
    for (ConsumerRecord<String, byte[]> record : polled) {
      records.add(record);
      nextOffsets.merge(
          new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
      ReplicaChange change;
      try {
        change = UserEventDecoder.decode(record.key(), record.value());
      } catch (PoisonEvent e) {
        poison.add(new Poison(record, e.getMessage()));
        continue;
      }
      Change candidate = new Change(change, record);
      Change kept = newest.putIfAbsent(change.userId(), candidate);
      if (kept != null) {
        superseded++;
        if (change.version() > kept.change().version()) {
          newest.put(change.userId(), candidate);
        }
      }
    }
    return new BatchPlan(
        List.copyOf(newest.values()),
        List.copyOf(poison),
        Map.copyOf(nextOffsets),
        records,
        superseded);
  }

  /** The plan of a single record: the slow path that isolates a record the database refuses. */
  public static BatchPlan ofOne(ConsumerRecord<String, byte[]> record) {
    return of(List.of(record));
  }

  /** The same record parked instead of applied, because the database refused it for good. */
  public static BatchPlan parked(ConsumerRecord<String, byte[]> record, String reason) {
    return new BatchPlan(
        List.of(),
        List.of(new Poison(record, reason)),
        Map.of(new TopicPartition(record.topic(), record.partition()), record.offset() + 1),
        List.of(record),
        0);
  }

  public int size() {
    return records.size();
  }
}

package dev.outboxref.post.replica.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.outboxref.proto.events.v1.UserDeleted;
import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.proto.events.v1.UserProfileChanged;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** How a poll batch is split into replica changes, parked poison and the partitions' positions. */
class BatchPlanTest {

  private static final String TOPIC = "user-events";
  private final String a = UUID.randomUUID().toString();
  private final String b = UUID.randomUUID().toString();

  @Test
  void onlyTheNewestVersionOfEachUserIsUpserted() {
    var a2 = record(0, 10, a, changed(a, 2, "A two"));
    var b1 = record(1, 4, b, changed(b, 1, "B one"));
    var a4 = record(0, 11, a, changed(a, 4, "A four"));
    var a3 = record(0, 12, a, changed(a, 3, "A three")); // older than a4, arrived later
    BatchPlan plan = BatchPlan.of(List.of(a2, b1, a4, a3));

    assertEquals(2, plan.changes().size());
    assertEquals(4, plan.changes().get(0).change().version());
    assertSame(a4, plan.changes().get(0).record(), "the record the kept change came from");
    assertEquals("B one", plan.changes().get(1).change().name());
    assertEquals(2, plan.superseded());
    assertEquals(4, plan.size());
  }

  @Test
  void poisonIsParkedWithoutHoldingBackTheRest() {
    var garbage = record(0, 7, a, "not protobuf".getBytes(StandardCharsets.UTF_8));
    var wrongKey = record(0, 8, b, changed(a, 2, "A two")); // key is not the user id
    var good = record(0, 9, a, changed(a, 3, "A three"));
    BatchPlan plan = BatchPlan.of(List.of(garbage, wrongKey, good));

    assertEquals(2, plan.poison().size());
    assertSame(garbage, plan.poison().get(0).record());
    assertTrue(plan.poison().get(0).reason().contains("not a UserEvent"));
    assertTrue(plan.poison().get(1).reason().contains("is not the event's user_id"));
    assertEquals(1, plan.changes().size());
    assertEquals(Map.of(new TopicPartition(TOPIC, 0), 10L), plan.nextOffsets());
  }

  @Test
  void eachPartitionMovesToTheOffsetAfterItsLastRecord() {
    BatchPlan plan =
        BatchPlan.of(
            List.of(
                record(2, 100, a, changed(a, 1, "x")),
                record(5, 7, b, changed(b, 1, "y")),
                record(2, 101, a, deleted(a, 2))));
    assertEquals(
        Map.of(new TopicPartition(TOPIC, 2), 102L, new TopicPartition(TOPIC, 5), 8L),
        plan.nextOffsets());
    assertTrue(plan.changes().get(0).change().deleted(), "the deletion is the newest of a");
  }

  @Test
  void aRecordTheDatabaseRefusedIsParkedAndStillMovesThePosition() {
    var refused = record(3, 41, a, changed(a, 5, "A five"));
    BatchPlan plan = BatchPlan.parked(refused, "the database refused the change: 22021");
    assertTrue(plan.changes().isEmpty());
    assertEquals("the database refused the change: 22021", plan.poison().get(0).reason());
    assertEquals(Map.of(new TopicPartition(TOPIC, 3), 42L), plan.nextOffsets());
  }

  private static ConsumerRecord<String, byte[]> record(
      int partition, long offset, String key, byte[] value) {
    return new ConsumerRecord<>(TOPIC, partition, offset, key, value);
  }

  private static UserEvent.Builder event(String userId, long version) {
    return UserEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setUserId(userId)
        .setVersion(version)
        .setOccurredAt(Timestamp.newBuilder().setSeconds(1_790_000_000L));
  }

  private static byte[] changed(String userId, long version, String name) {
    return event(userId, version)
        .setProfileChanged(UserProfileChanged.newBuilder().setName(name).setNickname("n"))
        .build()
        .toByteArray();
  }

  private static byte[] deleted(String userId, long version) {
    return event(userId, version)
        .setDeleted(UserDeleted.getDefaultInstance())
        .build()
        .toByteArray();
  }
}

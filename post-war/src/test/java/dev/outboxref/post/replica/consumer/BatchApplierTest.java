package dev.outboxref.post.replica.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.proto.events.v1.UserProfileChanged;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which records of a batch are applied, which parked, and which failures go back to be retried. */
class BatchApplierTest {

  private static final String TOPIC = "user-events";

  /** postdb as the batch store sees it: refuses a NUL in text, and can be away. */
  private final class Database implements BatchApplier.Store {
    final List<BatchPlan> commits = new ArrayList<>();
    final List<BatchPlan> refused = new ArrayList<>();
    SQLException away;

    @Override
    public Set<UUID> commit(BatchPlan plan) throws SQLException {
      if (away != null) {
        throw away;
      }
      for (BatchPlan.Change change : plan.changes()) {
        if (change.change().name().indexOf(0) >= 0) {
          refused.add(plan);
          throw new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
        }
      }
      commits.add(plan);
      Set<UUID> applied = new HashSet<>();
      plan.changes().forEach(c -> applied.add(c.change().userId()));
      return applied;
    }
  }

  private final Database database = new Database();
  private final List<BatchPlan> committed = new ArrayList<>();
  private final BatchApplier applier =
      new BatchApplier(database, (plan, applied, started) -> committed.add(plan));

  @Test
  void aBatchTheDatabaseTakesIsOneTransaction() throws Exception {
    BatchPlan batch = BatchPlan.of(List.of(record(0, 1, "Ada"), record(0, 2, "Bob")));
    applier.apply(batch);
    assertEquals(List.of(batch), database.commits);
    assertEquals(List.of(batch), committed, "what follows a commit happens once per transaction");
  }

  @Test
  void aRecordTheDatabaseRefusesIsParkedAndTheOthersAreApplied() throws Exception {
    var ada = record(0, 10, "Ada");
    var refused = record(0, 11, "Bo\u0000b");
    var cid = record(1, 4, "Cid");
    BatchPlan batch = BatchPlan.of(List.of(ada, refused, cid));

    applier.apply(batch);

    assertSame(batch, database.refused.get(0), "the whole batch is tried first");
    assertEquals(3, committed.size(), "then one transaction per record");
    assertSame(ada, committed.get(0).changes().get(0).record());
    BatchPlan parked = committed.get(1);
    assertTrue(parked.changes().isEmpty());
    assertSame(refused, parked.poison().get(0).record());
    assertEquals(
        "the database refused the change: java.sql.SQLException: invalid byte sequence for"
            + " encoding \"UTF8\": 0x00",
        parked.poison().get(0).reason());
    assertEquals(
        Map.of(new TopicPartition(TOPIC, 0), 12L),
        parked.nextOffsets(),
        "the parked record's position moves on");
    assertSame(cid, committed.get(2).changes().get(0).record());
  }

  @Test
  void aTransientFailureIsTheCallersToRetryAsAWholeBatch() {
    database.away = new SQLTransientConnectionException("connection refused", "08001");
    BatchPlan batch = BatchPlan.of(List.of(record(0, 1, "Ada"), record(0, 2, "Bo\u0000b")));
    SQLException thrown = assertThrows(SQLException.class, () -> applier.apply(batch));
    assertSame(database.away, thrown);
    assertTrue(committed.isEmpty(), "nothing committed, nothing parked");
  }

  @Test
  void aTransientFailureRecordByRecordKeepsWhatCommittedAndStopsThere() {
    var ada = record(0, 1, "Ada");
    var refused = record(0, 2, "Bo\u0000b");
    var cid = record(0, 3, "Cid");
    BatchApplier failingAfterTheFirst =
        new BatchApplier(
            database,
            (plan, applied, started) -> {
              committed.add(plan);
              database.away = new SQLTransientConnectionException("postdb went away", "08006");
            });

    assertThrows(
        SQLTransientConnectionException.class,
        () -> failingAfterTheFirst.apply(BatchPlan.of(List.of(ada, refused, cid))));

    assertEquals(1, committed.size());
    assertSame(ada, committed.get(0).changes().get(0).record());
  }

  private static ConsumerRecord<String, byte[]> record(int partition, long offset, String name) {
    String userId = UUID.randomUUID().toString();
    byte[] value =
        UserEvent.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setUserId(userId)
            .setVersion(1)
            .setOccurredAt(Timestamp.newBuilder().setSeconds(1_790_000_000L))
            .setProfileChanged(UserProfileChanged.newBuilder().setName(name).setNickname("n"))
            .build()
            .toByteArray();
    return new ConsumerRecord<>(TOPIC, partition, offset, userId, value);
  }
}

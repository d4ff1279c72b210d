package dev.outboxref.post.replica.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.platform.retry.Backoff;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the consumer goes on after assignments, revocations, lost partitions, position conflicts
 * and failed batches: always at postdb's stored positions, and never with a partition it does not
 * own.
 */
class ConsumerPositionsTest {

  private static final TopicPartition P0 = new TopicPartition("user-events", 0);
  private static final TopicPartition P1 = new TopicPartition("user-events", 1);
  private static final long BACKOFF_NANOS = Duration.ofMillis(100).toNanos();

  /** replica_offsets: the first instance to store a partition's initial position wins. */
  private final class Store implements ConsumerPositions.Store {
    final Map<TopicPartition, Long> stored = new HashMap<>();
    final List<Map<TopicPartition, Long>> initials = new ArrayList<>();
    int reads;
    boolean away;

    @Override
    public Map<TopicPartition, Long> positions(
        Collection<TopicPartition> partitions, Map<TopicPartition, Long> initial)
        throws SQLTransientConnectionException {
      reads++;
      if (away) {
        throw new SQLTransientConnectionException("connection refused");
      }
      if (!initial.isEmpty()) {
        initials.add(initial);
        initial.forEach(stored::putIfAbsent);
      }
      Map<TopicPartition, Long> found = new HashMap<>();
      partitions.stream().filter(stored::containsKey).forEach(tp -> found.put(tp, stored.get(tp)));
      return found;
    }
  }

  private final class Events implements ConsumerPositions.Events {
    Set<TopicPartition> assignment = Set.of();
    final List<Collection<TopicPartition>> revoked = new ArrayList<>();
    final List<String> failures = new ArrayList<>();

    @Override
    public void assigned(Set<TopicPartition> assignment, Collection<TopicPartition> added) {
      this.assignment = Set.copyOf(assignment);
    }

    @Override
    public void revoked(Set<TopicPartition> kept, Collection<TopicPartition> revoked) {
      this.assignment = Set.copyOf(kept);
      this.revoked.add(List.copyOf(revoked));
    }

    @Override
    public void failed(String reason) {
      failures.add(reason);
    }
  }

  private final MockConsumer<String, byte[]> kafka = new MockConsumer<>("earliest");
  private final Store store = new Store();
  private final Events events = new Events();
  private long now;
  private ConsumerPositions positions;

  @BeforeEach
  void setUp() {
    kafka.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    positions = new ConsumerPositions(kafka, store, new Backoff(100, 100), events, () -> now);
  }

  private void assign(TopicPartition... partitions) {
    Set<TopicPartition> assignment = new HashSet<>(kafka.assignment());
    assignment.addAll(List.of(partitions));
    kafka.assign(assignment);
    positions.onPartitionsAssigned(List.of(partitions));
  }

  @Test
  void assignedPartitionsGoOnAtTheirStoredPositions() {
    store.stored.putAll(Map.of(P0, 10L, P1, 20L));

    assign(P0, P1);

    assertEquals(10L, kafka.position(P0));
    assertEquals(20L, kafka.position(P1));
    assertEquals(Map.of(P0, 10L, P1, 20L), positions.expected());
    assertEquals(Set.of(P0, P1), events.assignment);
    assertTrue(kafka.paused().isEmpty());
    assertFalse(positions.waiting());
    assertTrue(store.initials.isEmpty(), "nothing stored for partitions with a position");
  }

  @Test
  void aPartitionWithoutAStoredPositionStoresWhereKafkaWouldStart() {
    kafka.updateBeginningOffsets(Map.of(P0, 3L));
    store.stored.put(P1, 20L);

    assign(P0, P1);

    assertEquals(List.of(Map.of(P0, 3L)), store.initials);
    assertEquals(Map.of(P0, 3L, P1, 20L), store.stored);
    assertEquals(3L, kafka.position(P0));
    assertEquals(Map.of(P0, 3L, P1, 20L), positions.expected());
  }

  @Test
  void anotherInstancesInitialPositionWins() {
    store.stored.put(P0, 7L);
    int[] reads = {0};
    ConsumerPositions.Store racing =
        (partitions, initial) ->
            // the first read finds nothing; meanwhile the other instance stores 7
            reads[0]++ == 0 ? Map.of() : store.positions(partitions, initial);
    positions = new ConsumerPositions(kafka, racing, new Backoff(100, 100), events, () -> now);

    assign(P0);

    assertEquals(7L, kafka.position(P0));
    assertEquals(Map.of(P0, 7L), positions.expected());
  }

  @Test
  void whileTheDatabaseIsAwayAssignedPartitionsStayPausedAndArePositionedAfterTheBackoff() {
    store.stored.put(P0, 10L);
    store.away = true;

    assign(P0);

    assertEquals(Set.of(P0), kafka.paused());
    assertEquals(Map.of(), positions.expected());
    assertTrue(positions.waiting());
    assertEquals(1, events.failures.size());
    assertTrue(events.failures.get(0).endsWith("connection refused"), events.failures.get(0));

    store.away = false;
    positions.beforePoll();
    assertEquals(1, store.reads, "not again before the backoff has passed");

    now += BACKOFF_NANOS;
    positions.beforePoll();
    assertEquals(10L, kafka.position(P0));
    assertEquals(Map.of(P0, 10L), positions.expected());
    assertTrue(kafka.paused().isEmpty());
    assertFalse(positions.waiting());
  }

  @Test
  void aCommittedBatchMovesThePositionsItsNextBatchMustFind() {
    store.stored.putAll(Map.of(P0, 10L, P1, 20L));
    assign(P0, P1);

    positions.committed(Map.of(P0, 15L));

    assertEquals(Map.of(P0, 15L, P1, 20L), positions.expected());
  }

  @Test
  void aRevokedPartitionLosesItsPositionSoAnInFlightBatchOfItConflicts() {
    store.stored.putAll(Map.of(P0, 10L, P1, 20L));
    assign(P0, P1);
    Map<TopicPartition, Long> before = positions.expected();

    positions.onPartitionsRevoked(List.of(P1));

    assertEquals(Map.of(P0, 10L, P1, 20L), before, "a batch's expected positions are a copy");
    assertEquals(Map.of(P0, 10L), positions.expected());
    assertEquals(Set.of(P0), events.assignment);
    assertEquals(List.of(List.of(P1)), events.revoked);
  }

  @Test
  void aLostPartitionIsHandledAsARevokedOne() {
    store.stored.putAll(Map.of(P0, 10L, P1, 20L));
    assign(P0, P1);

    positions.onPartitionsLost(List.of(P0));

    assertEquals(Map.of(P1, 20L), positions.expected());
    assertEquals(Set.of(P1), events.assignment);
  }

  @Test
  void aRevokedPartitionWaitingForItsPositionIsNotPositionedAnyMore() {
    store.away = true;
    assign(P0);
    store.away = false;

    positions.onPartitionsRevoked(List.of(P0));
    kafka.assign(List.of());
    now += BACKOFF_NANOS;
    positions.beforePoll();

    assertEquals(1, store.reads);
    assertFalse(positions.waiting());
    assertEquals(Map.of(), positions.expected());
  }

  @Test
  void aPositionConflictPositionsThoseAgainAndReadsTheOthersAgain() {
    store.stored.putAll(Map.of(P0, 10L, P1, 20L));
    assign(P0, P1);
    kafka.seek(P0, 30L); // polled past the rolled-back batch
    kafka.seek(P1, 40L);
    store.stored.put(P1, 25L); // another instance applied records of P1

    positions.conflict(Set.of(P1));

    assertEquals(10L, kafka.position(P0));
    assertEquals(Set.of(P1), kafka.paused());
    assertEquals(Map.of(P0, 10L), positions.expected());
    assertTrue(positions.waiting());

    positions.beforePoll(); // at once, no backoff

    assertEquals(25L, kafka.position(P1));
    assertEquals(Map.of(P0, 10L, P1, 25L), positions.expected());
    assertTrue(kafka.paused().isEmpty());
    assertTrue(events.failures.isEmpty());
  }

  @Test
  void aConflictOnAPartitionNoLongerOwnedDoesNotTouchIt() {
    store.stored.put(P0, 10L);
    assign(P0);

    positions.conflict(Set.of(P1));

    assertTrue(kafka.paused().isEmpty());
    assertFalse(positions.waiting());
    assertEquals(Map.of(P0, 10L), positions.expected());
  }

  @Test
  void aFailedBatchGoesBackToTheStoredPositionsAndPausesUntilTheBackoffHasPassed() {
    store.stored.putAll(Map.of(P0, 10L, P1, 20L));
    assign(P0, P1);
    kafka.seek(P0, 30L);
    kafka.seek(P1, 40L);

    long wait = positions.failed("database away");

    assertTrue(wait > 0 && wait <= 100, "the backoff's wait: " + wait);
    assertEquals(List.of("database away"), events.failures);
    assertEquals(10L, kafka.position(P0));
    assertEquals(20L, kafka.position(P1));
    assertEquals(Set.of(P0, P1), kafka.paused());
    assertTrue(positions.waiting());

    positions.beforePoll();
    assertEquals(Set.of(P0, P1), kafka.paused());

    now += BACKOFF_NANOS;
    positions.beforePoll();
    assertTrue(kafka.paused().isEmpty());
    assertFalse(positions.waiting());
    assertEquals(Map.of(P0, 10L, P1, 20L), positions.expected());
  }

  @Test
  void aPartitionAssignedWhilePausedStaysPausedUntilTheBackoffHasPassed() {
    store.stored.putAll(Map.of(P0, 10L, P1, 20L));
    assign(P0);
    positions.failed("database away");

    assign(P1);

    assertEquals(20L, kafka.position(P1));
    assertEquals(Set.of(P0, P1), kafka.paused());

    now += BACKOFF_NANOS;
    positions.beforePoll();
    assertTrue(kafka.paused().isEmpty());
  }
}

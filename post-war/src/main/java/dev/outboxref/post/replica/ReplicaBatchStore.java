package dev.outboxref.post.replica;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes one poll batch to postdb in one local transaction (plain JDBC, the consumer's hot path):
 * one multi-row upsert that applies each change only if its version is newer than the stored one
 * (the same rule as {@link ReplicaWriter}), the poison records into {@code parked_events}, and each
 * partition's next offset into {@code replica_offsets}, but only if the stored offset is still the
 * one this consumer expects (else {@link PositionConflict} and nothing is written).
 */
@ApplicationScoped
public class ReplicaBatchStore {

  private static final String UPSERT_NEWER =
      """
      INSERT INTO user_replica
          (user_id, name, nickname, version, credential_version, deleted, updated_at,
           source_occurred_at)
      SELECT u.user_id, u.name, u.nickname, u.version, u.credential_version, u.deleted, now(),
             u.occurred_at
      FROM unnest(CAST(? AS uuid[]), CAST(? AS varchar[]), CAST(? AS varchar[]),
                  CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS boolean[]),
                  CAST(? AS timestamptz[]))
           AS u(user_id, name, nickname, version, credential_version, deleted, occurred_at)
      """
          + ReplicaWriter.ON_CONFLICT_IF_NEWER
          + "RETURNING user_id";

  private static final String PARK =
      """
      INSERT INTO parked_events
          (topic, kafka_partition, kafka_offset, record_key, payload, headers, reason, parked_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, now())
      ON CONFLICT (topic, kafka_partition, kafka_offset) DO NOTHING
      """;

  private static final String MOVE_POSITION =
      """
      UPDATE replica_offsets SET next_offset = ?, updated_at = now()
      WHERE topic = ? AND kafka_partition = ? AND next_offset = ?
      """;

  static final int MAX_REASON = 1000;

  @Resource(lookup = "jdbc/appdb")
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "replica.consumer.statement-timeout-seconds", defaultValue = "10")
  int statementTimeoutSeconds;

  /**
   * Applies the plan and moves the positions from {@code expected} to the plan's next offsets, all
   * or nothing.
   *
   * @return the ids of the users whose change was newer and applied
   */
  public Set<UUID> commit(BatchPlan plan, Map<TopicPartition, Long> expected) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        movePositions(c, plan.nextOffsets(), expected);
        Set<UUID> applied = upsert(c, plan.changes());
        park(c, plan.poison());
        c.commit();
        return applied;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      }
    }
  }

  /**
   * The stored next offset of each partition; a partition without one gets {@code initial}'s value
   * stored first (the first instance to store it wins, so read it back).
   */
  public Map<TopicPartition, Long> positions(
      Collection<TopicPartition> partitions, Map<TopicPartition, Long> initial)
      throws SQLException {
    return positions(partitions, initial, statementTimeoutSeconds);
  }

  /** The stored next offsets, read with a short timeout (for the health checks). */
  public Map<TopicPartition, Long> storedPositions(Collection<TopicPartition> partitions)
      throws SQLException {
    return positions(partitions, Map.of(), 2);
  }

  private Map<TopicPartition, Long> positions(
      Collection<TopicPartition> partitions, Map<TopicPartition, Long> initial, int timeoutSeconds)
      throws SQLException {
    Map<TopicPartition, Long> positions = new HashMap<>();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO replica_offsets (topic, kafka_partition, next_offset, updated_at)"
                      + " VALUES (?, ?, ?, now()) ON CONFLICT DO NOTHING");
          PreparedStatement select =
              c.prepareStatement(
                  "SELECT next_offset FROM replica_offsets WHERE topic = ? AND kafka_partition = ?")) {
        insert.setQueryTimeout(timeoutSeconds);
        select.setQueryTimeout(timeoutSeconds);
        for (TopicPartition tp : partitions) {
          Long start = initial.get(tp);
          if (start != null) {
            insert.setString(1, tp.topic());
            insert.setInt(2, tp.partition());
            insert.setLong(3, start);
            insert.executeUpdate();
          }
          select.setString(1, tp.topic());
          select.setInt(2, tp.partition());
          try (ResultSet rs = select.executeQuery()) {
            if (rs.next()) {
              positions.put(tp, rs.getLong(1));
            }
          }
        }
      }
    }
    return positions;
  }

  private void movePositions(
      Connection c, Map<TopicPartition, Long> nextOffsets, Map<TopicPartition, Long> expected)
      throws SQLException {
    Set<TopicPartition> moved = new HashSet<>();
    try (PreparedStatement update = c.prepareStatement(MOVE_POSITION)) {
      update.setQueryTimeout(statementTimeoutSeconds);
      for (Map.Entry<TopicPartition, Long> next : nextOffsets.entrySet()) {
        TopicPartition tp = next.getKey();
        Long from = expected.get(tp);
        if (from == null) {
          throw new PositionConflict(Set.of(tp));
        }
        update.setLong(1, next.getValue());
        update.setString(2, tp.topic());
        update.setInt(3, tp.partition());
        update.setLong(4, from);
        if (update.executeUpdate() != 1) {
          moved.add(tp);
        }
      }
    }
    if (!moved.isEmpty()) {
      throw new PositionConflict(moved);
    }
  }

  private Set<UUID> upsert(Connection c, List<BatchPlan.Change> changes) throws SQLException {
    Set<UUID> applied = new HashSet<>();
    if (changes.isEmpty()) {
      return applied;
    }
    int n = changes.size();
    String[] ids = new String[n];
    String[] names = new String[n];
    String[] nicknames = new String[n];
    String[] versions = new String[n];
    String[] credentialVersions = new String[n];
    String[] deleted = new String[n];
    String[] occurredAt = new String[n];
    for (int i = 0; i < n; i++) {
      ReplicaChange change = changes.get(i).change();
      ids[i] = change.userId().toString();
      names[i] = change.name();
      nicknames[i] = change.nickname();
      versions[i] = Long.toString(change.version());
      credentialVersions[i] = Long.toString(change.credentialVersion());
      deleted[i] = Boolean.toString(change.deleted());
      occurredAt[i] = change.occurredAt() == null ? null : change.occurredAt().toString();
    }
    try (PreparedStatement upsert = c.prepareStatement(UPSERT_NEWER)) {
      upsert.setQueryTimeout(statementTimeoutSeconds);
      List<Array> arrays = new ArrayList<>();
      for (String[] column :
          List.of(ids, names, nicknames, versions, credentialVersions, deleted, occurredAt)) {
        Array array = c.createArrayOf("text", column);
        arrays.add(array);
        upsert.setArray(arrays.size(), array);
      }
      try (ResultSet rs = upsert.executeQuery()) {
        while (rs.next()) {
          applied.add(UUID.fromString(rs.getString(1)));
        }
      }
    }
    return applied;
  }

  private void park(Connection c, List<BatchPlan.Poison> poison) throws SQLException {
    if (poison.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = c.prepareStatement(PARK)) {
      insert.setQueryTimeout(statementTimeoutSeconds);
      for (BatchPlan.Poison p : poison) {
        ConsumerRecord<String, byte[]> record = p.record();
        insert.setString(1, record.topic());
        insert.setInt(2, record.partition());
        insert.setLong(3, record.offset());
        insert.setString(4, text(record.key()));
        insert.setBytes(5, record.value() == null ? new byte[0] : record.value());
        insert.setString(6, text(headers(record)));
        insert.setString(7, text(truncate(p.reason())));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  static String headers(ConsumerRecord<String, byte[]> record) {
    StringBuilder headers = new StringBuilder();
    for (Header header : record.headers()) {
      headers
          .append(header.key())
          .append('=')
          .append(header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8))
          .append('\n');
    }
    return headers.toString();
  }

  /** PostgreSQL text cannot hold NUL: a parked record keeps its raw bytes in payload anyway. */
  private static String text(String value) {
    return value == null ? null : value.replace((char) 0, '\uFFFD');
  }

  static String truncate(String reason) {
    String text = reason == null ? "unknown" : reason;
    return text.length() > MAX_REASON ? text.substring(0, MAX_REASON - 3) + "..." : text;
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}

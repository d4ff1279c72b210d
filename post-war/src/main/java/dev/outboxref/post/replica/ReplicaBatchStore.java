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
 * one this consumer expects ({@link PositionCheck}; else {@link PositionConflict} and nothing is
 * written). The replica's consumer ({@code replica.consumer}) is its only writer.
 */
@ApplicationScoped
public class ReplicaBatchStore {

  private static final String UPSERT_NEWER =
      ReplicaWriter.INSERT_EVERY_COLUMN
          + """
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

  private static final int MAX_REASON = 1000;

  @Resource(lookup = "jdbc/appdb")
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "replica.consumer.statement-timeout-seconds", defaultValue = "10")
  int statementTimeoutSeconds;

  /** A record parked instead of applied (it can never be applied as it is), and why. */
  public record Parked(ConsumerRecord<String, byte[]> record, String reason) {}

  /**
   * Applies the changes, parks the records and moves the positions from {@code expected} to {@code
   * nextOffsets}, all or nothing.
   *
   * @return the ids of the users whose change was newer and applied
   */
  public Set<UUID> commit(
      List<ReplicaChange> changes,
      List<Parked> parked,
      Map<TopicPartition, Long> nextOffsets,
      Map<TopicPartition, Long> expected)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        movePositions(c, nextOffsets, expected, statementTimeoutSeconds);
        Set<UUID> applied = upsert(c, changes);
        park(c, parked);
        c.commit();
        return applied;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      }
    }
  }

  private static void movePositions(
      Connection c,
      Map<TopicPartition, Long> nextOffsets,
      Map<TopicPartition, Long> expected,
      int timeoutSeconds)
      throws SQLException {
    try (PreparedStatement update = c.prepareStatement(MOVE_POSITION)) {
      update.setQueryTimeout(timeoutSeconds);
      PositionCheck.moveAll(
          nextOffsets,
          expected,
          (tp, from, to) -> {
            update.setLong(1, to);
            update.setString(2, tp.topic());
            update.setInt(3, tp.partition());
            update.setLong(4, from);
            return update.executeUpdate() == 1;
          });
    }
  }

  private Set<UUID> upsert(Connection c, List<ReplicaChange> changes) throws SQLException {
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
      ReplicaChange change = changes.get(i);
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

  private void park(Connection c, List<Parked> poison) throws SQLException {
    if (poison.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = c.prepareStatement(PARK)) {
      insert.setQueryTimeout(statementTimeoutSeconds);
      for (Parked p : poison) {
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

  private static String headers(ConsumerRecord<String, byte[]> record) {
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

  /** A reason as {@code parked_events} keeps it: at most 1,000 characters. */
  public static String truncate(String reason) {
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

package dev.outboxref.post.replica;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the replica's positions in topic {@code user-events} from {@code replica_offsets}: each
 * partition's next offset, stored with the batch that moved it ({@link ReplicaBatchStore}). The
 * consumer seeks to them on assignment; the watchdog compares them with the topic's end.
 */
@ApplicationScoped
public class ReplicaOffsets {

  @Resource(lookup = "jdbc/appdb")
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "replica.consumer.statement-timeout-seconds", defaultValue = "10")
  int statementTimeoutSeconds;

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
}

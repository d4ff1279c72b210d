package dev.outboxref.post.replica.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outboxref.post.replica.PositionConflict;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which failures park a record, which re-position, and which are retried after a pause. */
class FailureKindTest {

  @Test
  void dataAndConstraintErrorsArePermanent() {
    // 22021: a NUL character in text; 22001: too long; 23514: a check constraint
    for (String state : new String[] {"22021", "22001", "23514", "23505"}) {
      assertEquals(FailureKind.PERMANENT, FailureKind.of(new SQLException("refused", state)));
    }
    assertEquals(
        FailureKind.PERMANENT,
        FailureKind.of(new RuntimeException(new SQLException("wrapped", "22P02"))));
  }

  @Test
  void aMovedPositionIsAConflictNotARetry() {
    var conflict = new PositionConflict(Set.of(new TopicPartition("user-events", 1)));
    assertEquals(FailureKind.POSITION_CONFLICT, FailureKind.of(conflict));
    assertEquals(FailureKind.POSITION_CONFLICT, FailureKind.of(new RuntimeException(conflict)));
  }

  @Test
  void everythingElseIsRetried() {
    // 08006: the connection broke; 57014: statement timeout (a lock held too long); no state
    assertEquals(
        FailureKind.TRANSIENT, FailureKind.of(new SQLTransientConnectionException("x", "08006")));
    assertEquals(FailureKind.TRANSIENT, FailureKind.of(new SQLException("timeout", "57014")));
    assertEquals(FailureKind.TRANSIENT, FailureKind.of(new SQLException("no state")));
    assertEquals(
        FailureKind.TRANSIENT,
        FailureKind.of(new RuntimeException(new ConnectException("refused"))));
  }

  @Test
  void theReasonGivenIsTheInnermostCause() {
    var root = new SQLException("value too long for type character varying(100)", "22001");
    assertEquals(
        "java.sql.SQLException: value too long for type character varying(100)",
        FailureKind.rootMessage(new RuntimeException("batch failed", new RuntimeException(root))));
  }
}

package dev.outboxref.post.replica.consumer;

import dev.outboxref.post.replica.PositionConflict;
import java.sql.SQLException;

/** What a failed batch means for the consumer, decided from the exception alone. */
enum FailureKind {
  /**
   * The database refused the data itself (SQLSTATE class 22, data exception, or 23, integrity
   * constraint violation): it fails again on every retry, so the offending record is isolated and
   * parked.
   */
  PERMANENT,
  /**
   * Another consumer moved a partition's stored position: this instance no longer owns it (a
   * rebalance it has not seen yet). Nothing was written; the partitions are positioned again.
   */
  POSITION_CONFLICT,
  /**
   * Anything else (database or network away, a timeout): retried after a pause, nothing skipped.
   */
  TRANSIENT;

  public static FailureKind of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PositionConflict) {
        return POSITION_CONFLICT;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("22") || state.startsWith("23")) {
          return PERMANENT;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return TRANSIENT;
  }

  /** The innermost cause: what actually failed (the driver's message with its SQL state, say). */
  public static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.toString();
  }
}

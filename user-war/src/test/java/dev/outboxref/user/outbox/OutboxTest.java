package dev.outboxref.user.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import org.junit.jupiter.api.Test;

/** The relay hears of an append only once its transaction has committed. */
class OutboxTest {

  private int told;

  private Synchronization afterCommit() {
    Outbox outbox = new Outbox();
    outbox.relay = () -> told++;
    return outbox.tellRelayAfterCommit();
  }

  @Test
  void aCommitTellsTheRelay() {
    Synchronization sync = afterCommit();
    sync.beforeCompletion();
    assertEquals(0, told, "not before the outcome is known");
    sync.afterCompletion(Status.STATUS_COMMITTED);
    assertEquals(1, told);
  }

  @Test
  void aRollbackDoesNotTellTheRelay() {
    Synchronization sync = afterCommit();
    sync.afterCompletion(Status.STATUS_ROLLEDBACK);
    sync.afterCompletion(Status.STATUS_UNKNOWN);
    assertEquals(0, told);
  }
}

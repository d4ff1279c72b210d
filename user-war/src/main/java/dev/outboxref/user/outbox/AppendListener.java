package dev.outboxref.user.outbox;

/**
 * Told when a transaction that appended to the outbox has committed: the relay, which then reads
 * the outbox at once instead of at its next poll. An interface, so that the writer does not depend
 * on the relay that reads what it writes.
 */
public interface AppendListener {

  /** A transaction that appended to the outbox has committed. */
  void committed();
}

package dev.outboxref.user.application;

import dev.outboxref.user.domain.UserChange;

/**
 * Where the use cases put the events of their changes: the transactional outbox, in the use case's
 * own transaction, so the change and its event are committed together or not at all.
 */
public interface EventOutbox {

  /** Appends the event of this change; must be called inside the use case's transaction. */
  void append(UserChange change);
}

package dev.outboxref.user.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A published change of a user, as {@link User} returns it: what the event of the change carries,
 * never the password or its hash. {@code version} is the user's version after the change.
 */
public sealed interface UserChange {

  UUID userId();

  long version();

  /** When the change happened. */
  Instant at();

  /** A new user, at version 1. */
  record Registered(
      UUID userId, long version, Instant at, String email, String name, String nickname)
      implements UserChange {}

  /** A new name and/or nickname; both fields are the values after the change. */
  record ProfileChanged(UUID userId, long version, Instant at, String name, String nickname)
      implements UserChange {}

  /** The user was deleted: the last version, and nothing personal. */
  record Deleted(UUID userId, long version, Instant at) implements UserChange {}
}

package dev.outboxref.user.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A published change of a user, as {@link User} returns it: what the event of the change carries,
 * never the password, its hash or the email. {@code version} is the user's version after the
 * change, {@code credentialVersion} the credential version (tokens issued for an older one are
 * void).
 */
public sealed interface UserChange {

  UUID userId();

  long version();

  long credentialVersion();

  /** When the change happened. */
  Instant at();

  /** A new user, at version 1. */
  record Registered(
      UUID userId, long version, long credentialVersion, Instant at, String name, String nickname)
      implements UserChange {}

  /** A new name and/or nickname; both fields are the values after the change. */
  record ProfileChanged(
      UUID userId, long version, long credentialVersion, Instant at, String name, String nickname)
      implements UserChange {}

  /** A new password: the tokens issued before are void. Name and nickname are unchanged. */
  record CredentialsChanged(
      UUID userId, long version, long credentialVersion, Instant at, String name, String nickname)
      implements UserChange {}

  /** The user was deleted: the last version, and nothing personal. */
  record Deleted(UUID userId, long version, long credentialVersion, Instant at)
      implements UserChange {}
}

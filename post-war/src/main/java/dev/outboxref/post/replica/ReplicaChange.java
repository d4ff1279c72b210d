package dev.outboxref.post.replica;

import dev.outboxref.post.application.Author;
import dev.outboxref.post.userdirectory.DirectoryUser;
import java.time.Instant;
import java.util.UUID;

/**
 * The state of one user at one version, from an event or from the user directory: what the replica
 * stores if the version is newer than its own. A deleted user has no name or nickname.
 *
 * @param credentialVersion the user's credential version at this version (tokens for an older one
 *     are refused); 0 from events written before the contract carried it
 * @param occurredAt when the version came to be at the user service; null if unknown (directory)
 */
public record ReplicaChange(
    UUID userId,
    long version,
    long credentialVersion,
    boolean deleted,
    String name,
    String nickname,
    Instant occurredAt) {

  public static ReplicaChange profile(
      UUID userId,
      long version,
      long credentialVersion,
      String name,
      String nickname,
      Instant occurredAt) {
    return new ReplicaChange(userId, version, credentialVersion, false, name, nickname, occurredAt);
  }

  public static ReplicaChange deletion(
      UUID userId, long version, long credentialVersion, Instant occurredAt) {
    return new ReplicaChange(userId, version, credentialVersion, true, null, null, occurredAt);
  }

  /** The state the user directory reported (when that version came to be is not known). */
  public static ReplicaChange of(DirectoryUser user) {
    return of(user.author());
  }

  /** The state of an author as the user service reported it. */
  public static ReplicaChange of(Author author) {
    return author.deleted()
        ? deletion(author.id(), author.version(), author.credentialVersion(), null)
        : profile(
            author.id(),
            author.version(),
            author.credentialVersion(),
            author.name(),
            author.nickname(),
            null);
  }
}

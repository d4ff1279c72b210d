package dev.outboxref.post.userdirectory;

import dev.outboxref.post.application.Author;
import dev.outboxref.proto.users.v1.User;
import java.util.UUID;

/**
 * A user as the user directory reports it; a deleted user has no name or nickname. {@code
 * credentialVersion} is 0 from a user service that predates it.
 */
public record DirectoryUser(
    UUID userId,
    String name,
    String nickname,
    long version,
    long credentialVersion,
    boolean deleted) {

  static DirectoryUser of(User user) {
    return new DirectoryUser(
        UUID.fromString(user.getUserId()),
        user.getDeleted() ? null : user.getName(),
        user.getDeleted() ? null : user.getNickname(),
        user.getVersion(),
        user.getCredentialVersion(),
        user.getDeleted());
  }

  /** The application's view of this user: the author of posts. */
  public Author author() {
    return new Author(userId, name, nickname, deleted, version, credentialVersion);
  }
}

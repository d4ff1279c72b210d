package dev.outboxref.user.directory;

import dev.outboxref.user.domain.User;

/** A user as the directory shows it: id, names, version, deleted; never email or password. */
final class UserMessages {

  private UserMessages() {}

  static dev.outboxref.proto.users.v1.User of(User user) {
    var message =
        dev.outboxref.proto.users.v1.User.newBuilder()
            .setUserId(user.id().toString())
            .setVersion(user.version())
            .setCredentialVersion(user.credentialVersion())
            .setDeleted(user.isDeleted());
    if (!user.isDeleted()) {
      message.setName(user.name()).setNickname(user.nickname());
    }
    return message.build();
  }
}

package dev.outboxref.user.api;

import dev.outboxref.user.domain.User;
import java.time.Instant;
import java.util.UUID;

/** A user as the API shows it: the email only to the user themself; never the password or hash. */
public record UserResponse(
    UUID id,
    String email,
    String name,
    String nickname,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  static UserResponse of(User user, boolean showEmail) {
    return new UserResponse(
        user.id(),
        showEmail ? user.email() : null,
        user.name(),
        user.nickname(),
        user.version(),
        user.createdAt(),
        user.updatedAt());
  }
}

package dev.outboxref.user.api;

import dev.outboxref.user.domain.User;
import java.time.Instant;
import java.util.UUID;

/** A user as the API shows it: never the password or its hash. */
public record UserResponse(
    UUID id,
    String email,
    String name,
    String nickname,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  static UserResponse of(User user) {
    return new UserResponse(
        user.id(),
        user.email(),
        user.name(),
        user.nickname(),
        user.version(),
        user.createdAt(),
        user.updatedAt());
  }
}

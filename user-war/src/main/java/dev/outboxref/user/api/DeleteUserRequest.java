package dev.outboxref.user.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code DELETE /api/users/{id}}: the current password, so a token alone cannot delete. */
@Schema(name = "DeleteUser")
public record DeleteUserRequest(
    @NotNull @Size(max = 128) @Schema(writeOnly = true) String currentPassword) {

  /** Never prints a password. */
  @Override
  public String toString() {
    return "DeleteUserRequest[<hidden>]";
  }
}

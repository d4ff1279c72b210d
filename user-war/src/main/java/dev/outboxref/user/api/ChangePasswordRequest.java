package dev.outboxref.user.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PUT /api/users/{id}/password}. */
@Schema(name = "ChangePassword")
public record ChangePasswordRequest(
    @NotNull @Size(max = 128) @Schema(writeOnly = true) String currentPassword,
    @NotNull
        @Size(min = 12, max = 128, message = "must be 12 to 128 characters long")
        @Schema(writeOnly = true)
        String newPassword) {

  /** Never prints a password. */
  @Override
  public String toString() {
    return "ChangePasswordRequest[<hidden>]";
  }
}

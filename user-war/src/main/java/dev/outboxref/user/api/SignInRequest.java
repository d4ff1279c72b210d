package dev.outboxref.user.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/auth/token}. Bounds only: anything else is a wrong email or password.
 */
@Schema(name = "SignIn")
public record SignInRequest(
    @NotNull @Size(max = 254) @Schema(example = "ada@example.com") String email,
    @NotNull @Size(max = 128) @Schema(example = "correct horse battery staple", writeOnly = true)
        String password) {

  /** Never prints the password. */
  @Override
  public String toString() {
    return "SignInRequest[email=" + email + "]";
  }
}

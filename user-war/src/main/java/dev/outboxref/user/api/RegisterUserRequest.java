package dev.outboxref.user.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/users}. */
@Schema(name = "RegisterUser")
public record RegisterUserRequest(
    @NotBlank @Email @Size(max = 254) @Schema(example = "ada@example.com") String email,
    @NotBlank @Size(max = 100) @Schema(example = "Ada Lovelace") String name,
    @NotBlank
        @Size(max = 50)
        @Pattern(
            regexp = "[\\p{L}\\p{N}_.-]+",
            message = "may contain letters, digits, '_', '.' and '-' only")
        @Schema(example = "ada")
        String nickname,
    @NotNull
        @Size(min = 12, max = 128, message = "must be 12 to 128 characters long")
        @Schema(example = "correct horse battery staple", writeOnly = true)
        String password) {

  /** Never prints the password (records print every component by default). */
  @Override
  public String toString() {
    return "RegisterUserRequest[email=" + email + ", name=" + name + ", nickname=" + nickname + "]";
  }
}

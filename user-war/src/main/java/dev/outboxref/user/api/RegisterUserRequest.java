package dev.outboxref.user.api;

import dev.outboxref.platform.text.Text;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/users}. */
@Schema(name = "RegisterUser")
public record RegisterUserRequest(
    @NotBlank @Email @Text(max = 254) @Schema(example = "ada@example.com", maxLength = 254)
        String email,
    @NotBlank @Text(max = 100) @Schema(example = "Ada Lovelace", maxLength = 100) String name,
    @NotBlank
        @Text(max = 50)
        @Pattern(
            regexp = "[\\p{L}\\p{N}_.-]+",
            message = "may contain letters, digits, '_', '.' and '-' only")
        @Schema(example = "ada", maxLength = 50)
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

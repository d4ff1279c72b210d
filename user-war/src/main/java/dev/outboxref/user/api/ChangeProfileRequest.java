package dev.outboxref.user.api;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /api/users/{id}}: the fields to change; absent fields stay as they are. */
@Schema(name = "ChangeProfile")
public record ChangeProfileRequest(
    @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        String name,
    @Size(min = 1, max = 50)
        @Pattern(
            regexp = "[\\p{L}\\p{N}_.-]+",
            message = "may contain letters, digits, '_', '.' and '-' only")
        String nickname) {

  @AssertTrue(message = "give at least one of name, nickname")
  @Schema(hidden = true)
  public boolean isAnyFieldGiven() {
    return name != null || nickname != null;
  }
}

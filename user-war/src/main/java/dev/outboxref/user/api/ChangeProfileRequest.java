package dev.outboxref.user.api;

import dev.outboxref.platform.text.Text;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /api/users/{id}}: the fields to change; absent fields stay as they are. */
@Schema(name = "ChangeProfile")
public record ChangeProfileRequest(
    @Text(max = 100)
        @Schema(maxLength = 100)
        @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        String name,
    @Text(max = 50)
        @Schema(maxLength = 50)
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

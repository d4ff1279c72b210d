package dev.outboxref.post.api;

import dev.outboxref.platform.text.Text;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /api/posts/{id}}: the fields to change; absent fields stay as they are. */
@Schema(name = "ChangePost")
public record ChangePostRequest(
    @Text(max = 200)
        @Schema(maxLength = 200)
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String title,
    @Text(max = 10000, multiline = true)
        @Schema(maxLength = 10000)
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String content) {

  @AssertTrue(message = "give at least one of title, content")
  @Schema(hidden = true)
  public boolean isAnyFieldGiven() {
    return title != null || content != null;
  }
}

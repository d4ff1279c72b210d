package dev.outboxref.post.api;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /api/posts/{id}}: the fields to change; absent fields stay as they are. */
@Schema(name = "ChangePost")
public record ChangePostRequest(
    @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String title,
    @Size(min = 1, max = 10000) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String content) {

  @AssertTrue(message = "give at least one of title, content")
  @Schema(hidden = true)
  public boolean isAnyFieldGiven() {
    return title != null || content != null;
  }
}

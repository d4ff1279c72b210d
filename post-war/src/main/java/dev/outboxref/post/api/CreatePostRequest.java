package dev.outboxref.post.api;

import dev.outboxref.platform.text.Text;
import jakarta.validation.constraints.NotBlank;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/posts}. The author is the signed-in caller; {@code authorId} may be left
 * out, and naming anyone else is refused (403).
 */
@Schema(name = "CreatePost")
public record CreatePostRequest(
    @Schema(
            description = "Optional: the caller's own user id (anyone else's is a 403)",
            example = "3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b")
        UUID authorId,
    @NotBlank @Text(max = 200) @Schema(example = "Notes on the Analytical Engine", maxLength = 200)
        String title,
    @NotBlank
        @Text(max = 10000, multiline = true)
        @Schema(example = "It weaves algebraic patterns.", maxLength = 10000)
        String content) {}

package dev.outboxref.post.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/posts}. */
@Schema(name = "CreatePost")
public record CreatePostRequest(
    @NotNull @Schema(example = "3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b") UUID authorId,
    @NotBlank @Size(max = 200) @Schema(example = "Notes on the Analytical Engine") String title,
    @NotBlank @Size(max = 10000) @Schema(example = "It weaves algebraic patterns.")
        String content) {}

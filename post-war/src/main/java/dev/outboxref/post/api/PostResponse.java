package dev.outboxref.post.api;

import dev.outboxref.post.domain.Post;
import java.time.Instant;
import java.util.UUID;

/** A post as the API shows it. */
public record PostResponse(
    UUID id,
    UUID authorId,
    String title,
    String content,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  static PostResponse of(Post post) {
    return new PostResponse(
        post.id(),
        post.authorId(),
        post.title(),
        post.content(),
        post.version(),
        post.createdAt(),
        post.updatedAt());
  }
}

package dev.outboxref.post.api;

import dev.outboxref.post.domain.Post;
import java.time.Instant;
import java.util.UUID;

/**
 * A post as the API shows it, with its author as the replica knows them now: the fields the API has
 * always shown, not the versions the application's {@link dev.outboxref.post.application.Author}
 * also carries.
 */
public record PostResponse(
    UUID id,
    Author author,
    String title,
    String content,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * The author's current name and nickname; both null and {@code deleted} true once the user was
   * deleted (their personal data is gone), both null and {@code deleted} false while unknown here.
   */
  public record Author(UUID id, String name, String nickname, boolean deleted) {}

  static PostResponse of(Post post, dev.outboxref.post.application.Author author) {
    return new PostResponse(
        post.id(),
        author == null
            ? new Author(post.authorId(), null, null, false)
            : new Author(post.authorId(), author.name(), author.nickname(), author.deleted()),
        post.title(),
        post.content(),
        post.version(),
        post.createdAt(),
        post.updatedAt());
  }
}

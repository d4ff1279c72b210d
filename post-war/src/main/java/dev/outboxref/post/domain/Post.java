package dev.outboxref.post.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A post as stored in postdb. State changes only through methods (docs/liberty-notes.md, JPA). */
@Entity
@Table(name = "posts")
public class Post {

  @Id private UUID id;

  @Column(name = "author_id", nullable = false)
  private UUID authorId;

  @Column(nullable = false)
  private String title;

  @Column(nullable = false)
  private String content;

  @Column(nullable = false)
  private long version;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  protected Post() {}

  public static Post create(UUID authorId, String title, String content, Instant now) {
    Post post = new Post();
    post.id = UUID.randomUUID();
    post.authorId = authorId;
    post.title = title;
    post.content = content;
    post.version = 1;
    post.createdAt = utc(now);
    post.updatedAt = post.createdAt;
    return post;
  }

  /** Changes the given (non-null) fields; false, and no new version, if nothing changes. */
  public boolean change(String newTitle, String newContent, Instant now) {
    boolean changed = false;
    if (newTitle != null && !newTitle.equals(title)) {
      title = newTitle;
      changed = true;
    }
    if (newContent != null && !newContent.equals(content)) {
      content = newContent;
      changed = true;
    }
    if (changed) {
      version++;
      updatedAt = utc(now);
    }
    return changed;
  }

  public UUID id() {
    return id;
  }

  public UUID authorId() {
    return authorId;
  }

  public String title() {
    return title;
  }

  public String content() {
    return content;
  }

  public long version() {
    return version;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public Instant updatedAt() {
    return updatedAt.toInstant();
  }

  /**
   * JPA 3.1 maps OffsetDateTime (not Instant) to timestamptz; the API of this class speaks Instant.
   */
  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}

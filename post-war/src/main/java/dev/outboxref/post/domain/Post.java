package dev.outboxref.post.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A post as stored in postdb. State changes only through methods (see LIBERTY-NOTES on weaving).
 */
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
    return createdAt == null ? null : createdAt.toInstant();
  }

  public Instant updatedAt() {
    return updatedAt == null ? null : updatedAt.toInstant();
  }

  /**
   * JPA 3.1 maps OffsetDateTime (not Instant) to timestamptz; the API of this class speaks Instant.
   */
  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}

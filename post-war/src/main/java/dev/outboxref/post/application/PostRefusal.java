package dev.outboxref.post.application;

import java.util.UUID;

/**
 * A use case refused: one exception whose {@link Kind} says why, so the REST edge answers every
 * refusal in one exhaustive {@code switch} (a new kind does not compile until it has an answer).
 * Thrown without a stack trace: a refusal is an answer, not a fault.
 */
public final class PostRefusal extends RuntimeException {

  /** Why the use case was refused. */
  public enum Kind {
    /** No post has this id: never written, or deleted. */
    POST_NOT_FOUND,
    /** A change or deletion of a post by somebody other than its author. */
    NOT_THE_AUTHOR,
    /** The author of a new post is no user: neither the replica nor the user service knows them. */
    AUTHOR_UNKNOWN,
    /** The author of a new post was deleted. */
    AUTHOR_DELETED,
    /**
     * The author of a new post is not known here yet and the user service cannot be asked now; the
     * same request may succeed later.
     */
    DIRECTORY_UNAVAILABLE
  }

  /** Seconds a client should wait before retrying after {@link Kind#DIRECTORY_UNAVAILABLE}. */
  public static final int RETRY_AFTER_SECONDS = 5;

  private final Kind kind;

  private PostRefusal(Kind kind, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
  }

  public static PostRefusal postNotFound(UUID postId) {
    return new PostRefusal(Kind.POST_NOT_FOUND, "Post " + postId + " does not exist.", null);
  }

  public static PostRefusal notTheAuthor(UUID postId) {
    return new PostRefusal(
        Kind.NOT_THE_AUTHOR,
        "Only the author of post " + postId + " may change or delete it.",
        null);
  }

  public static PostRefusal authorUnknown(UUID userId) {
    return new PostRefusal(
        Kind.AUTHOR_UNKNOWN, "Author " + userId + " does not exist: no such user.", null);
  }

  public static PostRefusal authorDeleted(UUID userId) {
    return new PostRefusal(
        Kind.AUTHOR_DELETED, "Author " + userId + " was deleted and cannot write posts.", null);
  }

  /**
   * The user service cannot be asked now; {@code why} completes the sentence "cannot be checked
   * now: ...".
   */
  public static PostRefusal directoryUnavailable(String why, Throwable cause) {
    return new PostRefusal(
        Kind.DIRECTORY_UNAVAILABLE,
        "The author is not known here yet and cannot be checked now: " + why + ". Retry later.",
        cause);
  }

  public Kind kind() {
    return kind;
  }
}

package dev.outboxref.post.application;

import java.util.UUID;

/** A change or deletion of a post by somebody other than its author. */
public class NotTheAuthor extends RuntimeException {

  public NotTheAuthor(UUID postId) {
    super("Only the author of post " + postId + " may change or delete it.", null, false, false);
  }
}

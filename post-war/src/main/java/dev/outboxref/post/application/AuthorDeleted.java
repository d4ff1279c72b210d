package dev.outboxref.post.application;

import java.util.UUID;

/** The author of a new post was deleted. */
public class AuthorDeleted extends RuntimeException {

  public AuthorDeleted(UUID userId) {
    super("Author " + userId + " was deleted and cannot write posts.", null, false, false);
  }
}

package dev.outboxref.post.application;

import java.util.UUID;

/** The author of a new post is no user: neither the replica nor the user service knows them. */
public class AuthorUnknown extends RuntimeException {

  public AuthorUnknown(UUID userId) {
    super("Author " + userId + " does not exist: no such user.", null, false, false);
  }
}

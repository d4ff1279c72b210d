package dev.outboxref.post.application;

import java.util.UUID;

/** No post has this id: never written, or deleted. */
public class PostNotFound extends RuntimeException {

  public PostNotFound(UUID postId) {
    super("Post " + postId + " does not exist.", null, false, false);
  }
}

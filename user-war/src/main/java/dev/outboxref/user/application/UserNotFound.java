package dev.outboxref.user.application;

import java.util.UUID;

/** No live user has this id: never registered, or deleted. */
public class UserNotFound extends RuntimeException {

  public UserNotFound(UUID userId) {
    super("User " + userId + " does not exist.", null, false, false);
  }
}

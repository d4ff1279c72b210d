package dev.outboxref.user.application;

import dev.outboxref.platform.auth.DeletedUsers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** This service owns the users: a token whose user is no live user here is refused. */
@ApplicationScoped
public class LiveUsers implements DeletedUsers {

  @Inject UserService users;

  @Override
  public boolean isDeleted(UUID userId) {
    return users.find(userId).isEmpty();
  }
}

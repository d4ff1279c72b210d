package dev.outboxref.post.application;

import dev.outboxref.platform.auth.DeletedUsers;
import dev.outboxref.post.replica.ReplicaUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * This service learns of deletions from its replica: a token of a user the replica holds as a
 * tombstone is refused. A user the replica does not know yet (just registered) is not refused.
 */
@ApplicationScoped
public class ReplicaDeletions implements DeletedUsers {

  @Inject Authors authors;

  @Override
  public boolean isDeleted(UUID userId) {
    return authors.find(userId).map(ReplicaUser::deleted).orElse(false);
  }
}

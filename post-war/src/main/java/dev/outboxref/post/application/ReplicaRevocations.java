package dev.outboxref.post.application;

import dev.outboxref.platform.revocation.TokenRevocations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * This service learns of revocations from its replica, within the replica's lag: a token is refused
 * if the replica holds its user as a tombstone, or at a credential version newer than the token's
 * (the user changed their password since). A user the replica does not know yet (just registered)
 * is not refused.
 */
@ApplicationScoped
public class ReplicaRevocations implements TokenRevocations {

  @Inject AuthorReplica replica;

  @Override
  public boolean isRevoked(UUID userId, long credentialVersion) {
    return replica
        .find(userId)
        .map(user -> user.deleted() || user.credentialVersion() > credentialVersion)
        .orElse(false);
  }
}

package dev.outboxref.user.application;

import dev.outboxref.platform.revocation.TokenRevocations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * This service owns the users: a token is void unless its user is live here and still at the
 * credential version the token was issued for. Read from the database on every request, so a
 * password change or deletion made through another instance counts at once.
 */
@ApplicationScoped
public class LiveUsers implements TokenRevocations {

  @Inject UserService users;

  @Override
  public boolean isRevoked(UUID userId, long credentialVersion) {
    return users.liveCredentialVersion(userId).stream().noneMatch(v -> v <= credentialVersion);
  }
}

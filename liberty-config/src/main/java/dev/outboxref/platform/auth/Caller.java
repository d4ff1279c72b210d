package dev.outboxref.platform.auth;

import dev.outboxref.platform.rest.Problems;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * The signed-in user of the current request, if any: set by {@link CallerFilter} from the validated
 * token's subject. Resources ask it before every write.
 */
@RequestScoped
public class Caller {

  private UUID userId;

  void signedIn(UUID userId) {
    this.userId = userId;
  }

  public Optional<UUID> userId() {
    return Optional.ofNullable(userId);
  }

  /** The caller's user id; 401 (with {@code WWW-Authenticate: Bearer}) for an anonymous request. */
  public UUID require() {
    if (userId == null) {
      throw Problems.unauthorized(
          "This request needs 'Authorization: Bearer <access token>': sign in at the user"
              + " service's POST /api/auth/token.");
    }
    return userId;
  }

  /** The caller's user id if it is {@code owner}; 401 if anonymous, 403 if someone else. */
  public UUID requireSelf(UUID owner, String what) {
    UUID caller = require();
    if (!caller.equals(owner)) {
      throw Problems.forbidden(
          "Only " + what + " may do this; the token is of user " + caller + ".");
    }
    return caller;
  }
}

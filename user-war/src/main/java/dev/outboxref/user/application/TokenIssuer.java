package dev.outboxref.user.application;

import java.util.Optional;
import java.util.UUID;

/** Issues the access tokens sign-in hands out. */
public interface TokenIssuer {

  /** A token for the user at this credential version, or empty while sign-in is off. */
  Optional<IssuedToken> issue(UUID userId, long credentialVersion);
}

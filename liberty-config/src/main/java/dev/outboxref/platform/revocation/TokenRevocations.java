package dev.outboxref.platform.revocation;

import java.util.UUID;

/**
 * What a service knows of tokens made void before they expire: the user was deleted, or changed
 * their password (which raises the user's credential version; a token names the credential version
 * it was issued for). Each service provides one bean of this type.
 */
public interface TokenRevocations {

  /**
   * True if this service knows the user was deleted or has a credential version newer than {@code
   * credentialVersion}.
   */
  boolean isRevoked(UUID userId, long credentialVersion);
}

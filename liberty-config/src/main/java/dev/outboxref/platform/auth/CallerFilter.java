package dev.outboxref.platform.auth;

import dev.outboxref.platform.rest.Problems;
import dev.outboxref.platform.revocation.TokenRevocations;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the token Liberty validated (signature, issuer, audience, expiry) into the request's {@link
 * Caller}, and refuses it when its subject is no user id, or this service knows it was revoked: the
 * user was deleted or changed their password since (a newer credential version than the token's
 * {@code cv} claim; a token without one counts as credential version 1).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class CallerFilter implements ContainerRequestFilter {

  @Inject Caller caller;

  /** The claim naming the credential version the token was issued for. */
  static final String CREDENTIAL_VERSION = "cv";

  @Inject TokenRevocations revocations;

  @Override
  public void filter(ContainerRequestContext request) {
    accept(request.getSecurityContext().getUserPrincipal());
  }

  /**
   * The decision, apart from JAX-RS: no token leaves the caller anonymous, a valid one signs its
   * user in, and a token of no user or a revoked one is refused (401).
   */
  void accept(Principal principal) {
    if (!(principal instanceof JsonWebToken token)) {
      return;
    }
    UUID userId = userId(token.getSubject());
    if (userId == null) {
      throw Problems.unauthorized("The token's subject is not a user id.");
    }
    if (revocations.isRevoked(userId, credentialVersion(token.getClaim(CREDENTIAL_VERSION)))) {
      throw Problems.unauthorized(
          "The token was revoked: its user was deleted or changed their password since. Sign in"
              + " again.");
    }
    caller.signedIn(userId);
  }

  /**
   * The {@code cv} claim as MicroProfile JWT gives it (a JSON number or a Java number); 1 if none.
   */
  static long credentialVersion(Object claim) {
    if (claim instanceof JsonNumber number) {
      return number.longValue();
    }
    if (claim instanceof Number number) {
      return number.longValue();
    }
    return 1;
  }

  private static UUID userId(String subject) {
    try {
      return subject != null && subject.length() == 36 ? UUID.fromString(subject) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

package dev.outboxref.platform.auth;

import dev.outboxref.platform.rest.Problems;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the token Liberty validated (signature, issuer, audience, expiry) into the request's {@link
 * Caller}, and refuses it when its subject is no user id or a user this service knows was deleted.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class CallerFilter implements ContainerRequestFilter {

  @Inject Caller caller;
  @Inject DeletedUsers deletedUsers;

  @Override
  public void filter(ContainerRequestContext request) {
    Principal principal = request.getSecurityContext().getUserPrincipal();
    if (!(principal instanceof JsonWebToken token)) {
      return;
    }
    UUID userId = userId(token.getSubject());
    if (userId == null) {
      throw Problems.unauthorized("The token's subject is not a user id.");
    }
    if (deletedUsers.isDeleted(userId)) {
      throw Problems.unauthorized("The token's user was deleted.");
    }
    caller.signedIn(userId);
  }

  private static UUID userId(String subject) {
    try {
      return subject != null && subject.length() == 36 ? UUID.fromString(subject) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

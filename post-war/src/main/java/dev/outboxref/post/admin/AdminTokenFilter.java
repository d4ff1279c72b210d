package dev.outboxref.post.admin;

import dev.outboxref.platform.rest.ProblemException;
import dev.outboxref.platform.rest.ProblemExceptionMapper;
import dev.outboxref.platform.rest.Problems;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Operator endpoints answer only to {@code Authorization: Bearer <admin.token>} (env {@code
 * ADMIN_TOKEN}, a secret). Without a configured token they are off (403), never open.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminTokenFilter implements ContainerRequestFilter {

  private static final ProblemExceptionMapper PROBLEMS = new ProblemExceptionMapper();

  @Inject
  @ConfigProperty(name = "admin.token")
  Optional<String> token;

  @Override
  public void filter(ContainerRequestContext request) {
    refusal(token, request.getHeaderString(HttpHeaders.AUTHORIZATION))
        .ifPresent(problem -> request.abortWith(PROBLEMS.toResponse(problem)));
  }

  /**
   * Why a request with this Authorization header is refused, if it is: 403 while no token is
   * configured, 401 (with {@code WWW-Authenticate: Bearer}) unless it is the token. Compared in
   * constant time, so the time taken tells nothing of how much of the token was right.
   */
  static Optional<ProblemException> refusal(Optional<String> token, String authorization) {
    if (token.isEmpty() || token.get().isBlank()) {
      return Optional.of(
          Problems.forbidden(
              "Admin endpoints are off: no admin token is configured (set ADMIN_TOKEN)."));
    }
    byte[] expected = ("Bearer " + token.get()).getBytes(StandardCharsets.UTF_8);
    if (authorization == null
        || !MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(
          Problems.unauthorized("Admin endpoints need 'Authorization: Bearer <admin token>'."));
    }
    return Optional.empty();
  }
}

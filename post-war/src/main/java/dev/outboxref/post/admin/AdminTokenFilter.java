package dev.outboxref.post.admin;

import dev.outboxref.platform.rest.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
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

  @Inject
  @ConfigProperty(name = "admin.token")
  Optional<String> token;

  @Override
  public void filter(ContainerRequestContext request) {
    if (token.isEmpty() || token.get().isBlank()) {
      request.abortWith(
          problem(
              Status.FORBIDDEN,
              "Admin endpoints are off: no admin token is configured (set ADMIN_TOKEN)."));
      return;
    }
    String given = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    byte[] expected = ("Bearer " + token.get()).getBytes(StandardCharsets.UTF_8);
    if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      request.abortWith(
          Response.fromResponse(
                  problem(
                      Status.UNAUTHORIZED,
                      "Admin endpoints need 'Authorization: Bearer <admin token>'."))
              .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
              .build());
    }
  }

  private static Response problem(Status status, String detail) {
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(
            new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail))
        .build();
  }
}

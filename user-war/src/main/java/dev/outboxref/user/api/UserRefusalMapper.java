package dev.outboxref.user.api;

import dev.outboxref.platform.rest.ProblemException;
import dev.outboxref.platform.rest.ProblemExceptionMapper;
import dev.outboxref.platform.rest.Problems;
import dev.outboxref.user.application.UserRefusal;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The use cases' refusals as problems, one status per kind: 404 no such user, 409 email taken, 403
 * another user or a wrong current password, 401 (with a Bearer challenge) wrong credentials, 429
 * with Retry-After when limited, 503 with Retry-After while sign-in is off or every
 * password-hashing permit stayed taken. The switch has no default: a new kind must be answered here
 * before the service compiles.
 */
@Provider
public class UserRefusalMapper implements ExceptionMapper<UserRefusal> {

  private static final ProblemExceptionMapper PROBLEMS = new ProblemExceptionMapper();

  @Override
  public Response toResponse(UserRefusal refusal) {
    return PROBLEMS.toResponse(problem(refusal));
  }

  static ProblemException problem(UserRefusal refusal) {
    String detail = refusal.getMessage();
    return switch (refusal.kind()) {
      case NOT_FOUND -> Problems.notFound(detail);
      case EMAIL_TAKEN -> Problems.of(Status.CONFLICT, detail);
      case NOT_SELF, WRONG_CURRENT_PASSWORD -> Problems.forbidden(detail);
      case SIGN_IN_REFUSED -> Problems.unauthorized(detail);
      case TOO_MANY_SIGN_INS, TOO_MANY_REGISTRATIONS ->
          Problems.tooManyRequests(detail, retryAfter(refusal));
      case SIGN_IN_OFF, HASHING_BUSY -> Problems.unavailable(detail, (int) retryAfter(refusal));
    };
  }

  private static long retryAfter(UserRefusal refusal) {
    return refusal.retryAfterSeconds().orElseThrow();
  }
}

package dev.outboxref.user.api;

import dev.outboxref.platform.rest.ProblemExceptionMapper;
import dev.outboxref.platform.rest.Problems;
import dev.outboxref.user.application.EmailTaken;
import dev.outboxref.user.application.UserNotFound;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The use cases' refusals as problems: 404 for no such user, 409 for an email taken. */
public final class UserExceptionMapper {

  private UserExceptionMapper() {}

  private static final ProblemExceptionMapper PROBLEMS = new ProblemExceptionMapper();

  @Provider
  public static class NotFound implements ExceptionMapper<UserNotFound> {
    @Override
    public Response toResponse(UserNotFound e) {
      return PROBLEMS.toResponse(Problems.notFound(e.getMessage()));
    }
  }

  @Provider
  public static class Taken implements ExceptionMapper<EmailTaken> {
    @Override
    public Response toResponse(EmailTaken e) {
      return PROBLEMS.toResponse(Problems.of(Status.CONFLICT, e.getMessage()));
    }
  }
}

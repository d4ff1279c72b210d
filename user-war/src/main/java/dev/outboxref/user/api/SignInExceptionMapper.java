package dev.outboxref.user.api;

import dev.outboxref.platform.rest.ProblemException;
import dev.outboxref.platform.rest.ProblemExceptionMapper;
import dev.outboxref.platform.rest.Problems;
import dev.outboxref.user.application.PasswordHashingBusy;
import dev.outboxref.user.application.SignInOff;
import dev.outboxref.user.application.SignInRefused;
import dev.outboxref.user.application.TooManyRegistrations;
import dev.outboxref.user.application.TooManySignIns;
import dev.outboxref.user.application.WrongCurrentPassword;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Refused sign-ins, registrations and password changes as problems: 401 for wrong credentials, 429
 * with Retry-After when limited, 403 for a wrong current password, 503 with Retry-After while
 * sign-in is off or every password-hashing permit stayed taken.
 */
public final class SignInExceptionMapper {

  private SignInExceptionMapper() {}

  private static final ProblemExceptionMapper PROBLEMS = new ProblemExceptionMapper();

  @Provider
  public static class Refused implements ExceptionMapper<SignInRefused> {
    @Override
    public Response toResponse(SignInRefused e) {
      return PROBLEMS.toResponse(Problems.unauthorized(e.getMessage()));
    }
  }

  @Provider
  public static class Limited implements ExceptionMapper<TooManySignIns> {
    @Override
    public Response toResponse(TooManySignIns e) {
      ProblemException problem = Problems.tooManyRequests(e.getMessage(), e.retryAfterSeconds());
      return PROBLEMS.toResponse(problem);
    }
  }

  @Provider
  public static class WrongPassword implements ExceptionMapper<WrongCurrentPassword> {
    @Override
    public Response toResponse(WrongCurrentPassword e) {
      return PROBLEMS.toResponse(Problems.forbidden(e.getMessage()));
    }
  }

  @Provider
  public static class Off implements ExceptionMapper<SignInOff> {
    @Override
    public Response toResponse(SignInOff e) {
      return PROBLEMS.toResponse(Problems.unavailable(e.getMessage(), e.retryAfterSeconds()));
    }
  }

  @Provider
  public static class RegistrationsLimited implements ExceptionMapper<TooManyRegistrations> {
    @Override
    public Response toResponse(TooManyRegistrations e) {
      ProblemException problem = Problems.tooManyRequests(e.getMessage(), e.retryAfterSeconds());
      return PROBLEMS.toResponse(problem);
    }
  }

  @Provider
  public static class HashingBusy implements ExceptionMapper<PasswordHashingBusy> {
    @Override
    public Response toResponse(PasswordHashingBusy e) {
      return PROBLEMS.toResponse(Problems.unavailable(e.getMessage(), e.retryAfterSeconds()));
    }
  }
}

package dev.outboxref.user.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outboxref.platform.rest.ProblemException;
import dev.outboxref.user.application.UserRefusal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserRefusalMapperTest {

  private static final UUID USER = UUID.fromString("3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b");
  private static final UUID OTHER = UUID.fromString("00000000-0000-4000-8000-000000000001");

  @Test
  void noSuchUserIs404() {
    assertProblem(
        UserRefusal.notFound(USER),
        404,
        "Not Found",
        "User " + USER + " does not exist.",
        Map.of());
  }

  @Test
  void aTakenEmailIs409AndNamesNoEmail() {
    assertProblem(
        UserRefusal.emailTaken(),
        409,
        "Conflict",
        "A user with this email already exists.",
        Map.of());
  }

  @Test
  void anotherUsersTokenIs403() {
    assertProblem(
        UserRefusal.notSelf(USER, OTHER),
        403,
        "Forbidden",
        "Only user " + USER + " themself may do this; the token is of user " + OTHER + ".",
        Map.of());
  }

  @Test
  void aWrongCurrentPasswordIs403() {
    assertProblem(
        UserRefusal.wrongCurrentPassword(),
        403,
        "Forbidden",
        "The current password is wrong.",
        Map.of());
  }

  @Test
  void aRefusedSignInIs401WithABearerChallenge() {
    assertProblem(
        UserRefusal.signInRefused(),
        401,
        "Unauthorized",
        "The email or password is wrong.",
        Map.of("WWW-Authenticate", "Bearer"));
  }

  @Test
  void theLimitsAre429WithTheirWait() {
    assertProblem(
        UserRefusal.tooManySignIns(7),
        429,
        "Too Many Requests",
        "Too many failed sign-ins; try again in 7 s.",
        Map.of("Retry-After", "7"));
    assertProblem(
        UserRefusal.tooManyRegistrations(120),
        429,
        "Too Many Requests",
        "Too many registrations; try again in 120 s.",
        Map.of("Retry-After", "120"));
  }

  @Test
  void signInOffAndBusyHashingAre503WithTheirWait() {
    assertProblem(
        UserRefusal.signInOff(),
        503,
        "Service Unavailable",
        "Sign-in is off: the user service has no signing key configured.",
        Map.of("Retry-After", "60"));
    assertProblem(
        UserRefusal.hashingBusy(),
        503,
        "Service Unavailable",
        "Too many password checks at once; try again in a moment.",
        Map.of("Retry-After", "1"));
  }

  private static void assertProblem(
      UserRefusal refusal, int status, String title, String detail, Map<String, String> headers) {
    ProblemException problem = UserRefusalMapper.problem(refusal);
    assertEquals(status, problem.problem().status());
    assertEquals(title, problem.problem().title());
    assertEquals(detail, problem.problem().detail());
    assertEquals("about:blank", problem.problem().type());
    assertEquals(headers, problem.headers());
  }
}

package dev.outboxref.post.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.platform.rest.Problem;
import dev.outboxref.platform.rest.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only the configured admin token opens the operator endpoints; without one they are off. */
class AdminTokenFilterTest {

  private static final Optional<String> TOKEN = Optional.of("s3cret");

  @Test
  void withoutAConfiguredTokenEveryRequestIsForbidden() {
    for (Optional<String> none : List.of(Optional.<String>empty(), Optional.of(" "))) {
      ProblemException refusal = AdminTokenFilter.refusal(none, "Bearer s3cret").orElseThrow();
      assertEquals(
          new Problem(
              "about:blank",
              "Forbidden",
              403,
              "Admin endpoints are off: no admin token is configured (set ADMIN_TOKEN)."),
          refusal.problem());
      assertEquals(Map.of(), refusal.headers());
    }
  }

  @Test
  void noTokenIsUnauthorized() {
    assertUnauthorized(null);
  }

  @Test
  void aWrongTokenIsUnauthorized() {
    assertUnauthorized("Bearer s3cre");
    assertUnauthorized("Bearer s3cret2");
    assertUnauthorized("s3cret");
    assertUnauthorized("Basic s3cret");
  }

  @Test
  void theTokenPasses() {
    assertTrue(AdminTokenFilter.refusal(TOKEN, "Bearer s3cret").isEmpty());
  }

  private static void assertUnauthorized(String authorization) {
    ProblemException refusal = AdminTokenFilter.refusal(TOKEN, authorization).orElseThrow();
    assertEquals(
        new Problem(
            "about:blank",
            "Unauthorized",
            401,
            "Admin endpoints need 'Authorization: Bearer <admin token>'."),
        refusal.problem());
    assertEquals(Map.of("WWW-Authenticate", "Bearer"), refusal.headers());
  }
}

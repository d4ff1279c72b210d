package dev.outboxref.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outboxref.platform.rest.ProblemException;
import jakarta.json.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class CallerFilterTest {

  private final UUID user = UUID.randomUUID();
  private final Map<UUID, Long> liveCredentialVersions = new HashMap<>();
  private final Caller caller = new Caller();
  private final CallerFilter filter = new CallerFilter();

  CallerFilterTest() {
    filter.caller = caller;
    // a small TokenRevocations: void unless the user is live at most at the token's version
    filter.revocations =
        (userId, credentialVersion) ->
            !liveCredentialVersions.containsKey(userId)
                || liveCredentialVersions.get(userId) > credentialVersion;
    liveCredentialVersions.put(user, 2L);
  }

  @Test
  void noTokenLeavesTheCallerAnonymous() {
    filter.accept(null);
    filter.accept(() -> "basic-auth user"); // a principal, but no token

    assertEquals(Optional.empty(), caller.userId());
  }

  @Test
  void aValidTokenSignsItsUserIn() {
    filter.accept(token(user.toString(), Json.createValue(2L)));

    assertEquals(Optional.of(user), caller.userId());
  }

  @Test
  void aRevokedTokenIs401AndSignsNobodyIn() {
    ProblemException older =
        assertThrows(ProblemException.class, () -> filter.accept(token(user.toString(), null)));
    liveCredentialVersions.clear();
    ProblemException deleted =
        assertThrows(
            ProblemException.class,
            () -> filter.accept(token(user.toString(), Json.createValue(2L))));

    for (ProblemException e : new ProblemException[] {older, deleted}) {
      assertEquals(401, e.problem().status());
      assertEquals("Bearer", e.headers().get("WWW-Authenticate"));
      assertEquals(
          "The token was revoked: its user was deleted or changed their password since. Sign in"
              + " again.",
          e.problem().detail());
    }
    assertEquals(Optional.empty(), caller.userId());
  }

  @Test
  void aTokenWhoseSubjectIsNoUserIdIs401() {
    ProblemException e =
        assertThrows(
            ProblemException.class, () -> filter.accept(token("ada", Json.createValue(2L))));

    assertEquals(401, e.problem().status());
    assertEquals("The token's subject is not a user id.", e.problem().detail());
    assertEquals(Optional.empty(), caller.userId());
  }

  @Test
  void theCredentialVersionClaimIsReadAsMicroProfileJwtGivesIt() {
    assertEquals(3, CallerFilter.credentialVersion(Json.createValue(3L)));
    assertEquals(4, CallerFilter.credentialVersion(4L));
    assertEquals(5, CallerFilter.credentialVersion(5));
  }

  @Test
  void aTokenWithoutTheClaimCountsAsTheFirstCredentialVersion() {
    assertEquals(1, CallerFilter.credentialVersion(null));
    assertEquals(1, CallerFilter.credentialVersion("2"));
  }

  /** A validated token as MicroProfile JWT gives it: only its claims matter here. */
  private static JsonWebToken token(String subject, Object credentialVersion) {
    Map<String, Object> claims = new HashMap<>();
    claims.put("sub", subject);
    if (credentialVersion != null) {
      claims.put(CallerFilter.CREDENTIAL_VERSION, credentialVersion);
    }
    return new JsonWebToken() {
      @Override
      public String getName() {
        return subject;
      }

      @Override
      public Set<String> getClaimNames() {
        return claims.keySet();
      }

      @Override
      @SuppressWarnings("unchecked")
      public <T> T getClaim(String name) {
        return (T) claims.get(name);
      }
    };
  }
}

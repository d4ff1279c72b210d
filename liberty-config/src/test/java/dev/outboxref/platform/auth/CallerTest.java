package dev.outboxref.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outboxref.platform.rest.ProblemException;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallerTest {

  private final UUID me = UUID.randomUUID();

  @Test
  void anAnonymousCallerIs401WithABearerChallenge() {
    Caller caller = new Caller();
    assertEquals(Optional.empty(), caller.userId());
    ProblemException e = assertThrows(ProblemException.class, caller::require);
    assertEquals(401, e.problem().status());
    assertEquals("Bearer", e.headers().get("WWW-Authenticate"));
    assertEquals(
        401,
        assertThrows(ProblemException.class, () -> caller.requireSelf(me, "x")).problem().status());
  }

  @Test
  void aSignedInCallerMayActOnlyAsThemself() {
    Caller caller = new Caller();
    caller.signedIn(me);
    assertEquals(me, caller.require());
    assertEquals(me, caller.requireSelf(me, "the user"));
    ProblemException e =
        assertThrows(
            ProblemException.class, () -> caller.requireSelf(UUID.randomUUID(), "the user"));
    assertEquals(403, e.problem().status());
  }
}

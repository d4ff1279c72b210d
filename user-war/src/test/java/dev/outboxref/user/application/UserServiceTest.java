package dev.outboxref.user.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.outboxref.user.domain.UserChange;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The self rule of the use cases that change a user. The service has no EntityManager here: a rule
 * checked after anything was read or changed would fail with a NullPointerException instead.
 */
class UserServiceTest {

  private final UUID user = UUID.randomUUID();
  private final UUID caller = UUID.randomUUID();
  private final List<UserChange> appended = new ArrayList<>();
  private final UserService users = new UserService();

  UserServiceTest() {
    users.outbox = appended::add;
  }

  @Test
  void onlyTheUserThemselfMayChangeTheirProfile() {
    UserRefusal refusal =
        assertThrows(
            UserRefusal.class,
            () ->
                users.changeProfile(
                    caller, user, () -> fail("If-Match read before the self rule"), "Eve", "eve"));

    assertEquals(UserRefusal.Kind.NOT_SELF, refusal.kind());
    assertEquals(
        "Only user " + user + " themself may do this; the token is of user " + caller + ".",
        refusal.getMessage());
    assertEquals(List.of(), appended);
  }

  @Test
  void theSelfRuleLetsTheUserThrough() {
    UserService.requireSelf(user, user);
    UserRefusal refusal =
        assertThrows(UserRefusal.class, () -> UserService.requireSelf(caller, user));
    assertEquals(UserRefusal.Kind.NOT_SELF, refusal.kind());
  }

  @Test
  void aRefusalHasNoStackTrace() {
    assertEquals(0, UserRefusal.notSelf(user, caller).getStackTrace().length);
    assertEquals(OptionalLong.empty(), UserRefusal.notSelf(user, caller).retryAfterSeconds());
  }
}

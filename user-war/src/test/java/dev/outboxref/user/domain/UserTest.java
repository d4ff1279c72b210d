package dev.outboxref.user.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The user's rules and the changes they return, without a database or a server. */
class UserTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456789Z");
  private static final Instant T1 = T0.plusSeconds(60);

  private static User.Registration ada() {
    return User.register("ada@example.com", "Ada Lovelace", "ada", "hash", T0);
  }

  @Test
  void registeringIsVersionOneAndCarriesTheProfileButNoPassword() {
    User.Registration registration = ada();
    User user = registration.user();
    assertEquals(
        new UserChange.Registered(user.id(), 1, 1, T0, "Ada Lovelace", "ada"),
        registration.change());
    assertEquals(1, user.version());
    assertEquals(1, user.credentialVersion());
  }

  @Test
  void aProfileChangeIsTheNextVersionWithTheNewValues() {
    User user = ada().user();
    Optional<UserChange.ProfileChanged> change = user.changeProfile(null, "countess", T1);
    assertEquals(
        Optional.of(new UserChange.ProfileChanged(user.id(), 2, 1, T1, "Ada Lovelace", "countess")),
        change);
    assertEquals(2, user.version());
  }

  @Test
  void anUnchangedProfileIsNoChangeAndKeepsTheVersion() {
    User user = ada().user();
    assertEquals(Optional.empty(), user.changeProfile("Ada Lovelace", "ada", T1));
    assertEquals(Optional.empty(), user.changeProfile(null, null, T1));
    assertEquals(1, user.version());
  }

  @Test
  void deletingIsTheNextVersionAndKeepsNothingPersonal() {
    User user = ada().user();
    user.changeProfile("Ada King", null, T1);
    UserChange.Deleted deleted = user.delete(T1);
    assertEquals(new UserChange.Deleted(user.id(), 3, 1, T1), deleted);
    assertTrue(user.isDeleted());
    assertNull(user.email());
    assertNull(user.name());
    assertNull(user.passwordHash());
  }

  @Test
  void aPasswordChangeIsTheNextVersionAndCredentialVersionWithoutThePassword() {
    User user = ada().user();
    UserChange.CredentialsChanged changed = user.changePassword("other", T1);
    assertEquals(
        new UserChange.CredentialsChanged(user.id(), 2, 2, T1, "Ada Lovelace", "ada"), changed);
    assertEquals(2, user.version());
    assertEquals("other", user.passwordHash());
    assertFalse(changed.toString().contains("other"), "the change carries no password or hash");
  }

  @Test
  void aPasswordChangeVoidsTheTokensOfEarlierCredentialVersionsOnly() {
    User user = ada().user();
    assertFalse(user.voids(1));
    user.changePassword("other", T1);
    assertTrue(user.voids(1), "a token issued before the change");
    assertFalse(user.voids(2), "a token issued after it");
  }
}

package dev.outboxref.user.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.outboxref.user.domain.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sign-in's rules, and the password change's and deletion's, on hand-written fakes. */
class SignInTest {

  private static final String EMAIL = "Ada@Example.com";
  private static final String CLIENT = "192.0.2.7";
  private static final String PAIR = "pair:ada@example.com|" + CLIENT;
  private static final String ADDRESS = "address:" + CLIENT;
  private static final String ACCOUNT = "account:ada@example.com";

  private final FakeUsers users = new FakeUsers();
  private final FakeLimits limits = new FakeLimits();
  private final Passwords passwords = new Passwords();
  private final SignIn signIn = new SignIn();
  private boolean signInOff;
  private final User ada;

  SignInTest() {
    passwords.iterations = 1_000; // the least PasswordHasher allows: fast, and still a real check
    passwords.maxConcurrent = 1;
    passwords.maxWaitMillis = 5_000;
    passwords.init();
    ada = users.add(EMAIL, "right horse battery");
    signIn.users = users;
    signIn.passwords = passwords;
    signIn.limits = limits;
    signIn.tokens =
        (userId, credentialVersion) ->
            signInOff
                ? Optional.empty()
                : Optional.of(new IssuedToken(userId + " at " + credentialVersion, 900));
    signIn.maxFailuresPerPair = 10;
    signIn.maxFailuresPerAddress = 50;
    signIn.windowSeconds = 900;
    signIn.accountFreeFailures = 5;
    signIn.accountDelayBaseSeconds = 1;
    signIn.accountDelayMaxSeconds = 60;
    signIn.init();
  }

  @Test
  void theTokenIsForTheUserAtTheirCurrentCredentialVersion() {
    ada.changePassword(passwords.hash("new horse battery".toCharArray()), Instant.now());

    IssuedToken token =
        signIn.signIn(" ada@EXAMPLE.com", "new horse battery".toCharArray(), CLIENT);

    assertEquals(ada.id() + " at 2", token.token());
    assertEquals(List.of(PAIR, ADDRESS, ACCOUNT), limits.counted);
    assertEquals(List.of(PAIR, ACCOUNT), limits.forgotten);
    assertEquals(List.of(ADDRESS), limits.undone);
  }

  @Test
  void aWrongPasswordAndAnUnknownEmailAreRefusedAlikeAndStayCounted() {
    UserRefusal wrongPassword =
        assertThrows(
            UserRefusal.class,
            () -> signIn.signIn(EMAIL, "wrong horse battery".toCharArray(), CLIENT));
    UserRefusal unknownEmail =
        assertThrows(
            UserRefusal.class,
            () -> signIn.signIn("eve@example.com", "right horse battery".toCharArray(), CLIENT));

    assertEquals(UserRefusal.Kind.SIGN_IN_REFUSED, wrongPassword.kind());
    assertEquals(UserRefusal.Kind.SIGN_IN_REFUSED, unknownEmail.kind());
    assertEquals(wrongPassword.getMessage(), unknownEmail.getMessage());
    assertEquals(6, limits.counted.size());
    assertEquals(List.of(), limits.undone);
    assertEquals(List.of(), limits.forgotten);
  }

  @Test
  void aLimitAnsweringAWaitRefusesBeforeThePasswordIsCheckedAndGivesBackWhatWasCounted() {
    limits.waits.put(ADDRESS, OptionalLong.of(30));

    UserRefusal refusal =
        assertThrows(
            UserRefusal.class,
            () -> signIn.signIn(EMAIL, "right horse battery".toCharArray(), CLIENT));

    assertEquals(UserRefusal.Kind.TOO_MANY_SIGN_INS, refusal.kind());
    assertEquals(OptionalLong.of(30), refusal.retryAfterSeconds());
    assertEquals(List.of(PAIR), limits.undone);
    assertEquals(List.of(), users.lookedUp);
  }

  @Test
  void theAccountsDelayIsConsultedToo() {
    limits.waits.put(ACCOUNT, OptionalLong.of(4));

    UserRefusal refusal =
        assertThrows(
            UserRefusal.class,
            () -> signIn.signIn(EMAIL, "right horse battery".toCharArray(), CLIENT));

    assertEquals(UserRefusal.Kind.TOO_MANY_SIGN_INS, refusal.kind());
    assertEquals("Too many failed sign-ins; try again in 4 s.", refusal.getMessage());
    assertEquals(List.of(PAIR, ADDRESS), limits.undone);
    assertEquals(List.of(), users.lookedUp);
  }

  @Test
  void withoutASigningKeySignInIsOff() {
    signInOff = true;

    UserRefusal refusal =
        assertThrows(
            UserRefusal.class,
            () -> signIn.signIn(EMAIL, "right horse battery".toCharArray(), CLIENT));

    assertEquals(UserRefusal.Kind.SIGN_IN_OFF, refusal.kind());
    assertEquals(OptionalLong.of(60), refusal.retryAfterSeconds());
  }

  @Test
  void noMessageNamesTheEmail() {
    List<UserRefusal> refusals = new ArrayList<>();
    for (String password : List.of("wrong horse battery", "right horse battery")) {
      signInOff = password.startsWith("right");
      refusals.add(
          assertThrows(
              UserRefusal.class, () -> signIn.signIn(EMAIL, password.toCharArray(), CLIENT)));
    }
    for (UserRefusal refusal : refusals) {
      assertFalse(
          refusal.getMessage().toLowerCase(Locale.ROOT).contains("ada@"), refusal.getMessage());
    }
  }

  @Test
  void onlyTheUserThemselfMayChangeTheirPasswordAndNothingIsCountedForAnother() {
    UUID eve = UUID.randomUUID();

    UserRefusal refusal =
        assertThrows(
            UserRefusal.class,
            () ->
                signIn.changePassword(
                    eve, ada.id(), "right horse battery".toCharArray(), "x".toCharArray()));

    assertEquals(UserRefusal.Kind.NOT_SELF, refusal.kind());
    assertEquals(List.of(), limits.counted);
    assertEquals(List.of(), users.lookedUp);
    assertEquals(Map.of(), users.newHashes);
  }

  @Test
  void onlyTheUserThemselfMayDeleteThemselfAndTheirIfMatchIsNotRead() {
    UserRefusal refusal =
        assertThrows(
            UserRefusal.class,
            () ->
                signIn.deleteAccount(
                    UUID.randomUUID(),
                    ada.id(),
                    () -> fail("If-Match read before the self rule"),
                    "right horse battery".toCharArray()));

    assertEquals(UserRefusal.Kind.NOT_SELF, refusal.kind());
    assertEquals(List.of(), limits.counted);
    assertEquals(List.of(), users.deleted);
  }

  @Test
  void aWrongCurrentPasswordIsRefusedUnderTheAccountsDelay() {
    UserRefusal refusal =
        assertThrows(
            UserRefusal.class,
            () ->
                signIn.changePassword(
                    ada.id(),
                    ada.id(),
                    "wrong horse battery".toCharArray(),
                    "new horse battery".toCharArray()));

    assertEquals(UserRefusal.Kind.WRONG_CURRENT_PASSWORD, refusal.kind());
    assertEquals(List.of(ACCOUNT), limits.counted);
    assertEquals(List.of(), limits.forgotten);
    assertEquals(Map.of(), users.newHashes);
  }

  @Test
  void theUserChangesTheirPasswordWithTheCurrentOne() {
    signIn.changePassword(
        ada.id(), ada.id(), "right horse battery".toCharArray(), "new horse battery".toCharArray());

    assertTrue(
        passwords.matches(
            "new horse battery".toCharArray(), Optional.of(users.newHashes.get(ada.id()))));
    assertEquals(List.of(ACCOUNT), limits.forgotten);
  }

  @Test
  void theUserDeletesThemselfAtTheVersionTheyRead() {
    signIn.deleteAccount(
        ada.id(), ada.id(), () -> OptionalLong.of(3), "right horse battery".toCharArray());

    assertEquals(List.of(ada.id() + " at " + OptionalLong.of(3)), users.deleted);
  }

  /** The users, in memory; records what the use cases asked and changed. */
  private final class FakeUsers extends UserService {
    final Map<String, User> byEmail = new HashMap<>();
    final List<String> lookedUp = new ArrayList<>();
    final Map<UUID, String> newHashes = new HashMap<>();
    final List<String> deleted = new ArrayList<>();

    User add(String email, String password) {
      User user =
          User.register(email, "Ada", "ada", passwords.hash(password.toCharArray()), Instant.now())
              .user();
      byEmail.put(email.toLowerCase(Locale.ROOT), user);
      return user;
    }

    @Override
    public Optional<User> findByEmail(String email) {
      lookedUp.add(email);
      return Optional.ofNullable(byEmail.get(email.trim().toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<User> find(UUID id) {
      lookedUp.add(id.toString());
      return byEmail.values().stream().filter(u -> u.id().equals(id)).findFirst();
    }

    @Override
    public void changePassword(UUID id, String newPasswordHash) {
      newHashes.put(id, newPasswordHash);
    }

    @Override
    public void delete(UUID id, OptionalLong expectedVersion) {
      deleted.add(id + " at " + expectedVersion);
    }
  }

  /** The request limits, in memory: every key within its limit unless given a wait. */
  private static final class FakeLimits extends RequestLimits {
    final Map<String, OptionalLong> waits = new HashMap<>();
    final List<String> counted = new ArrayList<>();
    final List<String> undone = new ArrayList<>();
    final List<String> forgotten = new ArrayList<>();

    @Override
    public OptionalLong count(String key, int limit, Duration window) {
      return answer(key);
    }

    @Override
    public OptionalLong turn(String key, AccountDelay delay, Duration forgetAfter) {
      return answer(key);
    }

    private OptionalLong answer(String key) {
      OptionalLong wait = waits.getOrDefault(key, OptionalLong.empty());
      if (wait.isEmpty()) {
        counted.add(key);
      }
      return wait;
    }

    @Override
    public void undo(String key) {
      undone.add(key);
    }

    @Override
    public void forget(String key) {
      forgotten.add(key);
    }
  }
}

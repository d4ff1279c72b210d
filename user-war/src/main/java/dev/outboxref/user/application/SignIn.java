package dev.outboxref.user.application;

import dev.outboxref.user.domain.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign-in: email and password for an access token. An unknown email costs the same hash
 * verification as a wrong password (against a dummy hash), and both get the same refusal, and the
 * same limits. Each attempt is counted before its password is checked (so parallel guesses cannot
 * all slip under a limit), and given back when it succeeds:
 *
 * <ul>
 *   <li>per account and client address: a fixed number of failures in a window;
 *   <li>per client address: likewise, over all accounts;
 *   <li>per account, from anywhere: never a lock, a delay ({@link AccountDelay}) that doubles with
 *       each failure beyond the free ones, up to a cap, so the owner is at most slowed down.
 * </ul>
 */
@ApplicationScoped
public class SignIn {

  @Inject UserService users;
  @Inject Passwords passwords;
  @Inject TokenIssuer tokens;
  @Inject RequestLimits limits;

  @Inject
  @ConfigProperty(name = "auth.sign-in.max-failures-per-account-and-address", defaultValue = "10")
  int maxFailuresPerPair;

  @Inject
  @ConfigProperty(name = "auth.sign-in.max-failures-per-address", defaultValue = "50")
  int maxFailuresPerAddress;

  @Inject
  @ConfigProperty(name = "auth.sign-in.window-seconds", defaultValue = "900")
  long windowSeconds;

  @Inject
  @ConfigProperty(name = "auth.sign-in.account-free-failures", defaultValue = "5")
  int accountFreeFailures;

  @Inject
  @ConfigProperty(name = "auth.sign-in.account-delay-base-seconds", defaultValue = "1")
  long accountDelayBaseSeconds;

  @Inject
  @ConfigProperty(name = "auth.sign-in.account-delay-max-seconds", defaultValue = "60")
  long accountDelayMaxSeconds;

  private Duration window;
  private AccountDelay accountDelay;

  @PostConstruct
  void init() {
    window = Duration.ofSeconds(windowSeconds);
    accountDelay =
        new AccountDelay(
            accountFreeFailures,
            Duration.ofSeconds(accountDelayBaseSeconds),
            Duration.ofSeconds(accountDelayMaxSeconds));
  }

  public IssuedToken signIn(String email, char[] password, String clientAddress) {
    String account = accountKey(email);
    String pair = "pair:" + normalised(email) + "|" + clientAddress;
    String address = "address:" + clientAddress;
    List<String> counted = new ArrayList<>();
    try {
      counted(pair, limits.count(pair, maxFailuresPerPair, window), counted);
      counted(address, limits.count(address, maxFailuresPerAddress, window), counted);
      counted(account, limits.turn(account, accountDelay, window), counted);
    } catch (UserRefusal tooMany) {
      counted.forEach(limits::undo);
      throw tooMany;
    }
    Optional<User> user = users.findByEmail(email);
    boolean matches;
    try {
      matches = passwords.matches(password, user.map(User::passwordHash));
    } catch (UserRefusal hashingBusy) {
      counted.forEach(limits::undo);
      throw hashingBusy;
    }
    if (!matches) {
      throw UserRefusal.signInRefused();
    }
    limits.forget(pair);
    limits.forget(account);
    limits.undo(address);
    return tokens
        .issue(user.get().id(), user.get().credentialVersion())
        .orElseThrow(UserRefusal::signInOff);
  }

  /**
   * The caller changes their own password. It checks the current password under the same
   * per-account delay as sign-in, so a stolen token is no way to guess the password.
   */
  public void changePassword(UUID caller, UUID userId, char[] current, char[] next) {
    UserService.requireSelf(caller, userId);
    checkCurrentPassword(userId, current);
    users.changePassword(userId, passwords.hash(next));
  }

  /**
   * The caller deletes their own account. It needs the current password too, under the same limit:
   * a stolen token alone cannot delete anyone. The expected version is read only once the caller is
   * known to be the user, so another user is refused whatever their If-Match says.
   */
  public void deleteAccount(
      UUID caller, UUID userId, Supplier<OptionalLong> expectedVersion, char[] current) {
    UserService.requireSelf(caller, userId);
    OptionalLong expected = expectedVersion.get();
    checkCurrentPassword(userId, current);
    users.delete(userId, expected);
  }

  private void checkCurrentPassword(UUID userId, char[] current) {
    User user = users.find(userId).orElseThrow(() -> UserRefusal.notFound(userId));
    String account = accountKey(user.email());
    counted(account, limits.turn(account, accountDelay, window), new ArrayList<>());
    boolean matches;
    try {
      matches = passwords.matches(current, Optional.of(user.passwordHash()));
    } catch (UserRefusal hashingBusy) {
      limits.undo(account);
      throw hashingBusy;
    }
    if (!matches) {
      throw UserRefusal.wrongCurrentPassword();
    }
    limits.forget(account);
  }

  /** Notes a counted key, or refuses when the limit answered a wait. */
  private static void counted(String key, OptionalLong retryAfter, List<String> counted) {
    if (retryAfter.isPresent()) {
      throw UserRefusal.tooManySignIns(retryAfter.getAsLong());
    }
    counted.add(key);
  }

  private static String accountKey(String email) {
    return "account:" + normalised(email);
  }

  private static String normalised(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }
}

package dev.outboxref.user.application;

import dev.outboxref.user.domain.User;
import dev.outboxref.user.token.AccessTokens;
import dev.outboxref.user.token.IssuedToken;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign-in: email and password for an access token. An unknown email costs the same hash
 * verification as a wrong password (against a dummy hash), and both get the same refusal. Failures
 * are limited per email and per client address; a limited request is refused before its password is
 * even checked.
 */
@ApplicationScoped
public class SignIn {

  @Inject UserService users;
  @Inject Passwords passwords;
  @Inject AccessTokens tokens;

  @Inject
  @ConfigProperty(name = "auth.sign-in.max-failures-per-email", defaultValue = "5")
  int maxFailuresPerEmail;

  @Inject
  @ConfigProperty(name = "auth.sign-in.max-failures-per-address", defaultValue = "50")
  int maxFailuresPerAddress;

  @Inject
  @ConfigProperty(name = "auth.sign-in.window-seconds", defaultValue = "900")
  long windowSeconds;

  private SignInThrottle throttle;

  @PostConstruct
  void init() {
    throttle = new SignInThrottle(Duration.ofSeconds(windowSeconds), Clock.systemUTC());
  }

  public IssuedToken signIn(String email, char[] password, String clientAddress) {
    String emailKey = emailKey(email);
    String addressKey = "address:" + clientAddress;
    throttled(emailKey, maxFailuresPerEmail);
    throttled(addressKey, maxFailuresPerAddress);
    Optional<User> user = users.findByEmail(email);
    if (!passwords.matches(password, user.map(User::passwordHash))) {
      throttle.recordFailure(emailKey);
      throttle.recordFailure(addressKey);
      throw new SignInRefused();
    }
    throttle.reset(emailKey);
    return tokens
        .issue(user.get().id(), user.get().credentialVersion())
        .orElseThrow(SignInOff::new);
  }

  /**
   * A password change checks the current password under the same per-email limit as sign-in, so a
   * stolen token is no way to guess the password.
   */
  public void changePassword(UUID userId, char[] current, char[] next) {
    checkCurrentPassword(userId, current);
    users.changePassword(userId, passwords.hash(next));
  }

  /**
   * Deleting the account needs the current password too, under the same limit: a stolen token alone
   * cannot delete anyone.
   */
  public void deleteAccount(UUID userId, OptionalLong expectedVersion, char[] current) {
    checkCurrentPassword(userId, current);
    users.delete(userId, expectedVersion);
  }

  private void checkCurrentPassword(UUID userId, char[] current) {
    User user = users.find(userId).orElseThrow(() -> new UserNotFound(userId));
    String emailKey = emailKey(user.email());
    throttled(emailKey, maxFailuresPerEmail);
    if (!passwords.matches(current, Optional.of(user.passwordHash()))) {
      throttle.recordFailure(emailKey);
      throw new WrongCurrentPassword();
    }
  }

  private void throttled(String key, int limit) {
    throttle
        .retryAfter(key, limit)
        .ifPresent(
            seconds -> {
              throw new TooManySignIns(seconds);
            });
  }

  private static String emailKey(String email) {
    return "email:" + email.trim().toLowerCase(Locale.ROOT);
  }
}

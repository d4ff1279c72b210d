package dev.outboxref.user.application;

import dev.outboxref.user.domain.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Registration under limits: per client address and in total per window, each answered by {@link
 * UserRefusal.Kind#TOO_MANY_REGISTRATIONS} with the wait, counted before the password is hashed (a
 * registration costs a PBKDF2 hash, the dearest thing the service does). The hash is made outside
 * the transaction, so a registration waiting for a hashing permit holds no database connection.
 */
@ApplicationScoped
public class Registration {

  static final String TOTAL_KEY = "registration:*";

  @Inject UserService users;
  @Inject Passwords passwords;
  @Inject RequestLimits limits;

  @Inject
  @ConfigProperty(name = "auth.registration.max-per-address", defaultValue = "10")
  int maxPerAddress;

  @Inject
  @ConfigProperty(name = "auth.registration.max-total", defaultValue = "300")
  int maxTotal;

  @Inject
  @ConfigProperty(name = "auth.registration.window-seconds", defaultValue = "600")
  long windowSeconds;

  public User register(
      String email, String name, String nickname, char[] password, String clientAddress) {
    Duration window = Duration.ofSeconds(windowSeconds);
    String address = "registration:" + clientAddress;
    refuseAfter(limits.count(address, maxPerAddress, window));
    OptionalLong total = limits.count(TOTAL_KEY, maxTotal, window);
    if (total.isPresent()) {
      limits.undo(address);
      refuseAfter(total);
    }
    String hash;
    try {
      hash = passwords.hash(password);
    } catch (UserRefusal hashingBusy) {
      limits.undo(address);
      limits.undo(TOTAL_KEY);
      throw hashingBusy;
    }
    return users.register(email, name, nickname, hash);
  }

  private static void refuseAfter(OptionalLong retryAfter) {
    if (retryAfter.isPresent()) {
      throw UserRefusal.tooManyRegistrations(retryAfter.getAsLong());
    }
  }
}

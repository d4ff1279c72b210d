package dev.outboxref.user.application;

import dev.outboxref.user.domain.PasswordHasher;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The configured {@link PasswordHasher}, and a check that costs the same for an unknown user. At
 * most {@code password.hashing.max-concurrent} hashes run at once (by default half the cores, at
 * least one): a flood of registrations or sign-ins queues here instead of taking every core from
 * the other requests, and one that waited {@code password.hashing.max-wait-ms} is refused ({@link
 * UserRefusal#hashingBusy}).
 */
@ApplicationScoped
public class Passwords {

  @Inject
  @ConfigProperty(name = "password.pbkdf2.iterations", defaultValue = "600000")
  int iterations;

  /** 0: half the available cores, at least one. */
  @Inject
  @ConfigProperty(name = "password.hashing.max-concurrent", defaultValue = "0")
  int maxConcurrent;

  @Inject
  @ConfigProperty(name = "password.hashing.max-wait-ms", defaultValue = "2000")
  long maxWaitMillis;

  private PasswordHasher hasher;
  private String dummyHash;
  private HashingPermits permits;

  @PostConstruct
  void init() {
    hasher = new PasswordHasher(iterations);
    dummyHash = hasher.hash("not anybody's password".toCharArray());
    permits =
        new HashingPermits(
            maxConcurrent > 0 ? maxConcurrent : HashingPermits.halfTheCores(),
            Duration.ofMillis(maxWaitMillis));
  }

  public String hash(char[] password) {
    return bounded(() -> hasher.hash(password));
  }

  /** Whether the password matches; with no stored hash, a dummy one is checked for the time. */
  public boolean matches(char[] password, Optional<String> storedHash) {
    boolean matches = bounded(() -> hasher.matches(password, storedHash.orElse(dummyHash)));
    return storedHash.isPresent() && matches;
  }

  private <T> T bounded(Supplier<T> hashing) {
    return permits.run(hashing);
  }
}

package dev.outboxref.user.application;

import dev.outboxref.user.domain.PasswordHasher;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The configured {@link PasswordHasher}, and a check that costs the same for an unknown user. */
@ApplicationScoped
public class Passwords {

  @Inject
  @ConfigProperty(name = "password.pbkdf2.iterations", defaultValue = "600000")
  int iterations;

  private PasswordHasher hasher;
  private String dummyHash;

  @PostConstruct
  void init() {
    hasher = new PasswordHasher(iterations);
    dummyHash = hasher.hash("not anybody's password".toCharArray());
  }

  public String hash(char[] password) {
    return hasher.hash(password);
  }

  /** Whether the password matches; with no stored hash, a dummy one is checked for the time. */
  public boolean matches(char[] password, Optional<String> storedHash) {
    boolean matches = hasher.matches(password, storedHash.orElse(dummyHash));
    return storedHash.isPresent() && matches;
  }
}

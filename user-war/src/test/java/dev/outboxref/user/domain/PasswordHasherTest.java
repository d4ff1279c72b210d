package dev.outboxref.user.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher(10_000);

  @Test
  void aHashMatchesItsPasswordOnlyAndNeverContainsIt() {
    String hash = hasher.hash("correct horse battery".toCharArray());
    assertTrue(hash.startsWith("pbkdf2-sha256$10000$"), hash);
    assertFalse(hash.contains("correct horse"));
    assertTrue(hasher.matches("correct horse battery".toCharArray(), hash));
    assertFalse(hasher.matches("correct horse batterY".toCharArray(), hash));
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTime() {
    assertNotEquals(
        hasher.hash("same password".toCharArray()), hasher.hash("same password".toCharArray()));
  }

  @Test
  void hashesOfAnotherCostStillVerify() {
    String older = new PasswordHasher(2_000).hash("a long passphrase".toCharArray());
    assertTrue(hasher.matches("a long passphrase".toCharArray(), older));
  }

  @Test
  void refusesATrivialCost() {
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(10));
  }
}

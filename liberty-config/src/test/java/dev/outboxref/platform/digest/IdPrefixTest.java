package dev.outboxref.platform.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdPrefixTest {

  @Test
  void aPrefixSpansTheIdsThatStartWithIt() {
    IdPrefix prefix = IdPrefix.parse("3f").orElseThrow();
    assertEquals(UUID.fromString("3f000000-0000-0000-0000-000000000000"), prefix.lowest());
    assertEquals(UUID.fromString("3fffffff-ffff-ffff-ffff-ffffffffffff"), prefix.highest());
  }

  @Test
  void theEmptyPrefixSpansEveryId() {
    IdPrefix all = IdPrefix.parse("").orElseThrow();
    assertEquals(new UUID(0, 0), all.lowest());
    assertEquals(new UUID(-1, -1), all.highest());
  }

  @Test
  void onlyUpToFourLowerCaseHexDigits() {
    assertTrue(IdPrefix.parse("abcd").isPresent());
    assertTrue(IdPrefix.parse("abcde").isEmpty());
    assertTrue(IdPrefix.parse("AB").isEmpty());
    assertTrue(IdPrefix.parse("g1").isEmpty());
    assertTrue(IdPrefix.parse(null).isEmpty());
  }
}

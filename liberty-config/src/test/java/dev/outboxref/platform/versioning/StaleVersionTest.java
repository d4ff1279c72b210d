package dev.outboxref.platform.versioning;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The optimistic-lock check of the use cases (the REST edge answers it with 412). */
class StaleVersionTest {

  private static final UUID ID = UUID.fromString("3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b");

  @Test
  void theVersionCheckPassesWithoutAnExpectationOrAtTheExpectedVersion() {
    assertDoesNotThrow(() -> StaleVersion.check("User", ID, 4, OptionalLong.empty()));
    assertDoesNotThrow(() -> StaleVersion.check("User", ID, 4, OptionalLong.of(4)));
  }

  @Test
  void anotherVersionThanExpectedIsStaleNamingBoth() {
    StaleVersion e =
        assertThrows(
            StaleVersion.class, () -> StaleVersion.check("Post", ID, 5, OptionalLong.of(4)));
    assertEquals(5, e.current());
    assertEquals(4, e.expected());
    assertEquals(
        "Post " + ID + " is at version 5, not 4 as If-Match expects: read it again and retry.",
        e.getMessage());
  }
}

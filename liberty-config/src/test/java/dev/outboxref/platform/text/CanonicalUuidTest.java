package dev.outboxref.platform.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalUuidTest {

  @Test
  void theFormTheServicesWriteIsAUuid() {
    UUID id = UUID.randomUUID();
    assertEquals(Optional.of(id), CanonicalUuid.parse(id.toString()));
    assertEquals(
        Optional.of(UUID.fromString("3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b")),
        CanonicalUuid.parse("3F2B6C1E-8D4A-4F7E-9B1A-2C5D6E7F8A9B"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "42",
        "1-1-1-1-1",
        "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
        " 3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b",
        "3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b0"
      })
  void anythingElseIsNot(String value) {
    assertEquals(Optional.empty(), CanonicalUuid.parse(value));
  }
}

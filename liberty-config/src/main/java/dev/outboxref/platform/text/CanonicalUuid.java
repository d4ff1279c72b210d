package dev.outboxref.platform.text;

import java.util.Optional;
import java.util.UUID;

/**
 * A UUID given as text, in the 36-character form the services write ({@code
 * 3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b}). {@link UUID#fromString} alone also takes shorter forms
 * such as {@code 1-1-1-1-1}, which would make two spellings of one id.
 */
public final class CanonicalUuid {

  private CanonicalUuid() {}

  /** The UUID, or empty if {@code value} is null or not a UUID of 36 characters. */
  public static Optional<UUID> parse(String value) {
    if (value == null || value.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}

package dev.outboxref.platform.digest;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The leading hex digits of user ids, as the directory's digests bucket them: {@code "3f"} stands
 * for every id from {@code 3f000000-0000-0000-0000-000000000000} to {@code
 * 3fffffff-ffff-ffff-ffff-ffffffffffff}, a range an index on the id can serve.
 */
public record IdPrefix(String digits) {

  /** The longest prefix the digests use: 65,536 buckets. */
  public static final int MAX_DIGITS = 4;

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{0," + MAX_DIGITS + "}");

  /** The prefix, or empty if it is not 0 to {@value #MAX_DIGITS} lower-case hex digits. */
  public static Optional<IdPrefix> parse(String digits) {
    return digits != null && HEX.matcher(digits).matches()
        ? Optional.of(new IdPrefix(digits))
        : Optional.empty();
  }

  public int length() {
    return digits.length();
  }

  /** The smallest id with this prefix. */
  public UUID lowest() {
    return uuid(digits + "0".repeat(32 - length()));
  }

  /** The largest id with this prefix. */
  public UUID highest() {
    return uuid(digits + "f".repeat(32 - length()));
  }

  private static UUID uuid(String hex) {
    return new UUID(
        Long.parseUnsignedLong(hex.substring(0, 16), 16),
        Long.parseUnsignedLong(hex.substring(16), 16));
  }
}

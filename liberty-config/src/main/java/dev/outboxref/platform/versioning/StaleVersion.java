package dev.outboxref.platform.versioning;

import java.util.OptionalLong;
import java.util.UUID;

/**
 * A change was asked of a resource at another version than it is at now (optimistic locking: the
 * client read it, somebody changed it since). The REST edge answers 412 (If-Match).
 */
public class StaleVersion extends RuntimeException {

  private final long current;
  private final long expected;

  public StaleVersion(String resource, UUID id, long current, long expected) {
    super(
        resource
            + " "
            + id
            + " is at version "
            + current
            + ", not "
            + expected
            + " as If-Match expects: read it again and retry.",
        null,
        false,
        false);
    this.current = current;
    this.expected = expected;
  }

  /**
   * Throws unless the resource is at the version the client expects (if it expects one); call it
   * with the row locked, so nobody changes it between this check and the write.
   */
  public static void check(String resource, UUID id, long current, OptionalLong expectedVersion) {
    if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current) {
      throw new StaleVersion(resource, id, current, expectedVersion.getAsLong());
    }
  }

  public long current() {
    return current;
  }

  public long expected() {
    return expected;
  }
}

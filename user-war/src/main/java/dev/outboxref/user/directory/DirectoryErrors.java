package dev.outboxref.user.directory;

import dev.outboxref.platform.digest.IdPrefix;
import dev.outboxref.platform.text.TextRules;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;

/**
 * The statuses the directory answers a call it refuses with, each with a message a caller can act
 * on: bad arguments INVALID_ARGUMENT, unknown ids NOT_FOUND, too much asked of it
 * FAILED_PRECONDITION or RESOURCE_EXHAUSTED. A value the caller sent is quoted only as an excerpt.
 */
final class DirectoryErrors {

  private DirectoryErrors() {}

  static StatusRuntimeException invalidId(String field, String value) {
    return Status.INVALID_ARGUMENT
        .withDescription(
            field
                + " must be a UUID such as 3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b, got '"
                + TextRules.excerpt(value)
                + "'.")
        .asRuntimeException();
  }

  static StatusRuntimeException invalidPrefix(String field, String value, int min, int max) {
    return Status.INVALID_ARGUMENT
        .withDescription(
            field
                + " must be "
                + min
                + " to "
                + max
                + " lower-case hex digits, got '"
                + TextRules.excerpt(value)
                + "'.")
        .asRuntimeException();
  }

  static StatusRuntimeException invalidDigits(int digits) {
    return Status.INVALID_ARGUMENT
        .withDescription(
            "digits must be more than the prefix's length and at most "
                + IdPrefix.MAX_DIGITS
                + ", got "
                + digits
                + ".")
        .asRuntimeException();
  }

  static StatusRuntimeException tooManyIds(int max, int count) {
    return Status.INVALID_ARGUMENT
        .withDescription("At most " + max + " user_ids per call, got " + count + ".")
        .asRuntimeException();
  }

  static StatusRuntimeException notFound(UUID id) {
    return Status.NOT_FOUND
        .withDescription("No user " + id + " has ever existed.")
        .asRuntimeException();
  }

  static StatusRuntimeException tooManyDigests(int max, String prefix) {
    return Status.FAILED_PRECONDITION
        .withDescription(
            "More than " + max + " users start with '" + prefix + "': ask for longer prefixes.")
        .asRuntimeException();
  }

  static StatusRuntimeException tooManyStreams(int max) {
    return Status.RESOURCE_EXHAUSTED
        .withDescription(
            "At most "
                + max
                + " StreamUsers streams run at once in this instance; try again later.")
        .asRuntimeException();
  }
}

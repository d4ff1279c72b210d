package dev.outboxref.user.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The refusals' statuses and messages, word for word: callers and their logs see them. */
class DirectoryErrorsTest {

  private static void assertStatus(Status.Code code, String description, StatusRuntimeException e) {
    assertEquals(code, e.getStatus().getCode());
    assertEquals(description, e.getStatus().getDescription());
  }

  @Test
  void badArgumentsAreInvalidArgumentAndQuoteTheValue() {
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "user_id must be a UUID such as 3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b, got 'nope'.",
        DirectoryErrors.invalidId("user_id", "nope"));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "prefix must be 2 to 4 lower-case hex digits, got 'xy'.",
        DirectoryErrors.invalidPrefix("prefix", "xy", 2, 4));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "digits must be more than the prefix's length and at most 4, got 5.",
        DirectoryErrors.invalidDigits(5));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "At most 100 user_ids per call, got 101.",
        DirectoryErrors.tooManyIds(100, 101));
  }

  @Test
  void anUnknownIdIsNotFound() {
    UUID id = UUID.fromString("3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b");
    assertStatus(
        Status.Code.NOT_FOUND,
        "No user 3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b has ever existed.",
        DirectoryErrors.notFound(id));
  }

  @Test
  void tooMuchAskedSaysWhatToDoInstead() {
    assertStatus(
        Status.Code.FAILED_PRECONDITION,
        "More than 10000 users start with 'ab': ask for longer prefixes.",
        DirectoryErrors.tooManyDigests(10_000, "ab"));
    assertStatus(
        Status.Code.RESOURCE_EXHAUSTED,
        "At most 4 StreamUsers streams run at once in this instance; try again later.",
        DirectoryErrors.tooManyStreams(4));
  }
}

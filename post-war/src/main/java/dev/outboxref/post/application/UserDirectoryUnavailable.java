package dev.outboxref.post.application;

/**
 * The author of a new post is not known here yet and the user service cannot be asked now; the same
 * request may succeed later.
 */
public class UserDirectoryUnavailable extends RuntimeException {

  /** Seconds a client should wait before retrying. */
  public static final int RETRY_AFTER_SECONDS = 5;

  public UserDirectoryUnavailable(String why, Throwable cause) {
    super(
        "The author is not known here yet and cannot be checked now: " + why + ". Retry later.",
        cause,
        false,
        false);
  }

  public int retryAfterSeconds() {
    return RETRY_AFTER_SECONDS;
  }
}

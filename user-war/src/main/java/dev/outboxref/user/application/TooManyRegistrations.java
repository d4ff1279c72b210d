package dev.outboxref.user.application;

/** Too many registrations from a client address, or in total: wait before the next one. */
public class TooManyRegistrations extends RuntimeException {

  private final long retryAfterSeconds;

  public TooManyRegistrations(long retryAfterSeconds) {
    super("Too many registrations; try again in " + retryAfterSeconds + " s.", null, false, false);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}

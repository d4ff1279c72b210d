package dev.outboxref.user.application;

/** Too many failed sign-ins for an email or from a client address: wait before the next try. */
public class TooManySignIns extends RuntimeException {

  private final long retryAfterSeconds;

  public TooManySignIns(long retryAfterSeconds) {
    super(
        "Too many failed sign-ins; try again in " + retryAfterSeconds + " s.", null, false, false);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}

package dev.outboxref.user.application;

/**
 * Every permit to hash a password was taken for longer than the bounded wait: the service is
 * flooded with registrations or sign-ins and refuses this one rather than queue without end.
 */
public class PasswordHashingBusy extends RuntimeException {

  public PasswordHashingBusy() {
    super("Too many password checks at once; try again in a moment.", null, false, false);
  }

  public int retryAfterSeconds() {
    return 1;
  }
}

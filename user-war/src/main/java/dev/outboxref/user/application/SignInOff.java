package dev.outboxref.user.application;

/** No signing key is configured, so no token can be issued; an operator has to add one. */
public class SignInOff extends RuntimeException {

  /** Seconds a client should wait before trying again. */
  public static final int RETRY_AFTER_SECONDS = 60;

  public SignInOff() {
    super("Sign-in is off: the user service has no signing key configured.", null, false, false);
  }

  public int retryAfterSeconds() {
    return RETRY_AFTER_SECONDS;
  }
}

package dev.outboxref.user.application;

/**
 * Wrong email or password; deliberately one answer for both, so nobody learns which emails exist.
 */
public class SignInRefused extends RuntimeException {

  public SignInRefused() {
    super("The email or password is wrong.", null, false, false);
  }
}

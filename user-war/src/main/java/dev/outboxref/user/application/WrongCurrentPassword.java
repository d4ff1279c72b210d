package dev.outboxref.user.application;

/** A password change or deletion with a current password that is not the user's. */
public class WrongCurrentPassword extends RuntimeException {

  public WrongCurrentPassword() {
    super("The current password is wrong.", null, false, false);
  }
}

package dev.outboxref.user.application;

/** A live user already has this email (in any case). */
public class EmailTaken extends RuntimeException {

  public EmailTaken(String email) {
    super("A user with email " + email + " already exists.", null, false, false);
  }
}

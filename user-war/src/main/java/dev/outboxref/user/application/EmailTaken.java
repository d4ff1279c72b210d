package dev.outboxref.user.application;

/** A live user already has this email (in any case). */
public class EmailTaken extends RuntimeException {

  /** No email in the message: a refusal's message may reach logs (docs/security.md). */
  public EmailTaken() {
    super("A user with this email already exists.", null, false, false);
  }
}

package dev.outboxref.user.application;

import java.util.OptionalLong;
import java.util.UUID;

/**
 * A use case's refusal: its {@link Kind} says which, the message is the problem's detail, and the
 * limits' refusals say how long to wait. No email ever goes into a message: a refusal's message may
 * reach logs (docs/security.md). Without a stack trace: a refusal is an answer, not a fault.
 */
public final class UserRefusal extends RuntimeException {

  /** Seconds a client should wait before trying again while sign-in is off. */
  private static final long SIGN_IN_OFF_RETRY_AFTER_SECONDS = 60;

  /** What was refused; the REST edge answers each kind with its own status. */
  public enum Kind {
    /** No live user has this id: never registered, or deleted. */
    NOT_FOUND,
    /** A live user already has this email (in any case). */
    EMAIL_TAKEN,
    /** The caller is not the user they want to change. */
    NOT_SELF,
    /** A password change or deletion with a current password that is not the user's. */
    WRONG_CURRENT_PASSWORD,
    /** Wrong email or password; deliberately one answer for both, so no email is confirmed. */
    SIGN_IN_REFUSED,
    /** Too many failed sign-ins for an email or from a client address. */
    TOO_MANY_SIGN_INS,
    /** Too many registrations from a client address, or in total. */
    TOO_MANY_REGISTRATIONS,
    /** No signing key is configured, so no token can be issued; an operator has to add one. */
    SIGN_IN_OFF,
    /**
     * Every permit to hash a password stayed taken for the bounded wait: the service is flooded
     * with registrations or sign-ins and refuses this one rather than queue without end.
     */
    HASHING_BUSY
  }

  private final Kind kind;
  private final OptionalLong retryAfterSeconds;

  private UserRefusal(Kind kind, String message, OptionalLong retryAfterSeconds) {
    super(message, null, false, false);
    this.kind = kind;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  private UserRefusal(Kind kind, String message) {
    this(kind, message, OptionalLong.empty());
  }

  public static UserRefusal notFound(UUID userId) {
    return new UserRefusal(Kind.NOT_FOUND, "User " + userId + " does not exist.");
  }

  public static UserRefusal emailTaken() {
    return new UserRefusal(Kind.EMAIL_TAKEN, "A user with this email already exists.");
  }

  public static UserRefusal notSelf(UUID userId, UUID caller) {
    return new UserRefusal(
        Kind.NOT_SELF,
        "Only user " + userId + " themself may do this; the token is of user " + caller + ".");
  }

  public static UserRefusal wrongCurrentPassword() {
    return new UserRefusal(Kind.WRONG_CURRENT_PASSWORD, "The current password is wrong.");
  }

  public static UserRefusal signInRefused() {
    return new UserRefusal(Kind.SIGN_IN_REFUSED, "The email or password is wrong.");
  }

  public static UserRefusal tooManySignIns(long retryAfterSeconds) {
    return new UserRefusal(
        Kind.TOO_MANY_SIGN_INS,
        "Too many failed sign-ins; try again in " + retryAfterSeconds + " s.",
        OptionalLong.of(retryAfterSeconds));
  }

  public static UserRefusal tooManyRegistrations(long retryAfterSeconds) {
    return new UserRefusal(
        Kind.TOO_MANY_REGISTRATIONS,
        "Too many registrations; try again in " + retryAfterSeconds + " s.",
        OptionalLong.of(retryAfterSeconds));
  }

  public static UserRefusal signInOff() {
    return new UserRefusal(
        Kind.SIGN_IN_OFF,
        "Sign-in is off: the user service has no signing key configured.",
        OptionalLong.of(SIGN_IN_OFF_RETRY_AFTER_SECONDS));
  }

  public static UserRefusal hashingBusy() {
    return new UserRefusal(
        Kind.HASHING_BUSY,
        "Too many password checks at once; try again in a moment.",
        OptionalLong.of(1));
  }

  public Kind kind() {
    return kind;
  }

  /** Seconds to wait before trying again, for the refusals that come and go. */
  public OptionalLong retryAfterSeconds() {
    return retryAfterSeconds;
  }
}

package dev.outboxref.post.userdirectory;

/** A user directory call failed for a reason other than "no such user". */
public class UserServiceException extends RuntimeException {

  public UserServiceException(String message, Throwable cause) {
    super(message, cause);
  }
}

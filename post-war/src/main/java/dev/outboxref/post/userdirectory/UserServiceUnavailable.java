package dev.outboxref.post.userdirectory;

/**
 * The user service could not be reached (gRPC UNAVAILABLE): the one failure worth retrying at once,
 * since another attempt may reach another instance or a restarted one.
 */
public class UserServiceUnavailable extends UserServiceException {

  public UserServiceUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}

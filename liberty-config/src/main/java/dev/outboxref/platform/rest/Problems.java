package dev.outboxref.platform.rest;

import jakarta.ws.rs.core.Response.Status;
import java.util.UUID;

/** Factory for the problems the APIs answer with. */
public final class Problems {

  private Problems() {}

  public static ProblemException of(Status status, String detail) {
    return new ProblemException(
        new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail));
  }

  public static ProblemException notFound(String detail) {
    return of(Status.NOT_FOUND, detail);
  }

  public static ProblemException badRequest(String detail) {
    return of(Status.BAD_REQUEST, detail);
  }

  /** Parses a UUID given by a client, or answers 400 naming the parameter. */
  public static UUID parseUuid(String parameter, String value) {
    try {
      if (value != null && value.length() == 36) {
        return UUID.fromString(value);
      }
    } catch (IllegalArgumentException e) {
      // falls through to the problem below
    }
    throw badRequest(
        "'"
            + parameter
            + "' must be a UUID such as 3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b, got '"
            + value
            + "'.");
  }
}

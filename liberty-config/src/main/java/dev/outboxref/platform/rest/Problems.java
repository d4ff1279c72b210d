package dev.outboxref.platform.rest;

import dev.outboxref.platform.text.CanonicalUuid;
import dev.outboxref.platform.text.TextRules;
import jakarta.ws.rs.core.Response.Status;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Factory for the problems the APIs answer with. */
public final class Problems {

  private Problems() {}

  public static ProblemException of(Status status, String detail) {
    return new ProblemException(
        new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail));
  }

  /** 422: well-formed, but refers to something that does not allow it (e.g. a deleted user). */
  public static ProblemException unprocessable(String detail) {
    return new ProblemException(new Problem("about:blank", "Unprocessable Content", 422, detail));
  }

  /** 503 with {@code Retry-After}: a dependency is away; the same request may succeed later. */
  public static ProblemException unavailable(String detail, int retryAfterSeconds) {
    Status status = Status.SERVICE_UNAVAILABLE;
    return new ProblemException(
        new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail),
        Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
  }

  /** 400 naming each invalid field, the same shape as a Bean Validation failure. */
  public static ProblemException invalidFields(List<Problem.FieldError> errors) {
    List<Problem.FieldError> sorted =
        errors.stream().sorted(Comparator.comparing(Problem.FieldError::field)).toList();
    return new ProblemException(
        new Problem(
            "about:blank",
            "Bad Request",
            400,
            "The request has " + sorted.size() + " invalid field(s).",
            sorted));
  }

  /** 401 with {@code WWW-Authenticate: Bearer}: no valid access token. */
  public static ProblemException unauthorized(String detail) {
    return new ProblemException(
        new Problem("about:blank", "Unauthorized", 401, detail),
        Map.of("WWW-Authenticate", "Bearer"));
  }

  /** 403: the caller is known, and may not do this. */
  public static ProblemException forbidden(String detail) {
    return of(Status.FORBIDDEN, detail);
  }

  /** 429 with {@code Retry-After}. */
  public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
    return new ProblemException(
        new Problem("about:blank", "Too Many Requests", 429, detail),
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  public static ProblemException notFound(String detail) {
    return of(Status.NOT_FOUND, detail);
  }

  public static ProblemException badRequest(String detail) {
    return of(Status.BAD_REQUEST, detail);
  }

  /** Parses a UUID given by a client, or answers 400 naming the parameter. */
  public static UUID parseUuid(String parameter, String value) {
    return CanonicalUuid.parse(value)
        .orElseThrow(
            () ->
                badRequest(
                    "'"
                        + parameter
                        + "' must be a UUID such as 3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b, got '"
                        + TextRules.excerpt(value)
                        + "'."));
  }
}

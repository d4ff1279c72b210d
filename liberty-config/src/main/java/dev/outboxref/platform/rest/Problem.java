package dev.outboxref.platform.rest;

import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every 4xx/5xx answer of the REST APIs ({@code
 * application/problem+json}). {@code errors} lists the invalid fields of a 400.
 */
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** One invalid input: where (e.g. {@code email}) and what is wrong with it. */
  public record FieldError(String field, String message) {}

  public Problem(String type, String title, int status, String detail) {
    this(type, title, status, detail, null);
  }
}

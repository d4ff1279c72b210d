package dev.outboxref.platform.rest;

import java.util.OptionalLong;

/** Parsing of the request parameters and headers both APIs share; bad values answer 400. */
public final class RequestParams {

  private RequestParams() {}

  /**
   * If-Match: absent (or {@code *}) means "whatever the version", otherwise one strong ETag as the
   * APIs send it, the resource's version such as {@code "3"}.
   */
  public static OptionalLong expectedVersion(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return OptionalLong.empty();
    }
    String tag = ifMatch.trim();
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      try {
        return OptionalLong.of(Long.parseLong(tag.substring(1, tag.length() - 1)));
      } catch (NumberFormatException e) {
        // falls through
      }
    }
    throw Problems.badRequest(
        "If-Match must be one ETag as returned by this API, such as \"3\"; got " + ifMatch);
  }

  /** A whole-number query parameter from min to max; {@code fallback} when absent. */
  public static int intParam(String name, String value, int fallback, int min, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw Problems.badRequest(
        "'"
            + name
            + "' must be a whole number from "
            + min
            + " to "
            + max
            + ", got '"
            + value
            + "'.");
  }
}

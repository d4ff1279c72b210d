package dev.outboxref.platform.rest;

import dev.outboxref.platform.paging.PageRequest;
import java.util.OptionalLong;

/**
 * Parsing of the request parameters and headers both APIs share; bad values answer 400. Whether a
 * resource is at the version If-Match expects is the use case's check ({@link
 * dev.outboxref.platform.versioning.StaleVersion}), answered 412 by {@link
 * StaleVersionExceptionMapper}.
 */
public final class RequestParams {

  /** The largest page a list operation returns. */
  public static final int MAX_PAGE_SIZE = 100;

  static final int DEFAULT_PAGE_SIZE = 20;

  private RequestParams() {}

  /** The query parameters {@code page} (default 0) and {@code size} (1 to 100, default 20). */
  public static PageRequest page(String page, String size) {
    return new PageRequest(
        intParam("page", page, 0, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE),
        intParam("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE));
  }

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
  private static int intParam(String name, String value, int fallback, int min, int max) {
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

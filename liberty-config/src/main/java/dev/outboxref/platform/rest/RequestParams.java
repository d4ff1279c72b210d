package dev.outboxref.platform.rest;

import dev.outboxref.platform.paging.Cursor;
import dev.outboxref.platform.paging.CursorRequest;
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
   * The query parameters of a keyset-paged list: {@code cursor} (absent for the first page, else
   * the {@code next} of the page before) and {@code limit} (1 to 100, default 20). The offset
   * parameters {@code page} and {@code size} of earlier versions are refused, pointing at these:
   * silently ignoring them would answer the first page again and again to an old client.
   */
  public static CursorRequest cursor(String cursor, String limit, String page, String size) {
    if (page != null || size != null) {
      throw Problems.badRequest(
          "'page' and 'size' are not supported: ask for 'limit' items (1 to "
              + MAX_PAGE_SIZE
              + ") and pass each answer's 'next' as 'cursor' to get the page after it.");
    }
    Cursor after = null;
    if (cursor != null) {
      after =
          Cursor.decode(cursor.trim())
              .orElseThrow(
                  () ->
                      Problems.badRequest(
                          "'cursor' must be the 'next' of an earlier answer of this list, unchanged;"
                              + " leave it out to start from the beginning."));
    }
    return new CursorRequest(after, intParam("limit", limit, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE));
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

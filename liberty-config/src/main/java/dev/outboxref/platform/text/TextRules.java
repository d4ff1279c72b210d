package dev.outboxref.platform.text;

/**
 * The one rule for text a person gives the services (names, titles, contents): no NUL or other
 * control characters (a newline, carriage return before it, and a tab only in multi-line text), and
 * lengths counted as a person counts characters, in Unicode code points, which is also how
 * PostgreSQL's {@code varchar(n)} counts them.
 */
public final class TextRules {

  private TextRules() {}

  /** What is wrong with the text, or null if nothing is (null text is for other rules to judge). */
  public static String problem(String text, int max, boolean multiline) {
    if (text == null) {
      return null;
    }
    int length = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (Character.getType(c) == Character.CONTROL && !(multiline && allowedInLines(text, i))) {
        return "must not contain control characters such as "
            + String.format("U+%04X", c)
            + (multiline ? " (newlines and tabs are fine)" : "");
      }
      if (Character.getType(c) == Character.SURROGATE) {
        return "must be valid Unicode text (it has an unpaired surrogate)";
      }
      length++;
      i += Character.charCount(c);
    }
    if (length > max) {
      return "must be at most " + max + " characters long, got " + length;
    }
    return null;
  }

  /**
   * A client's value, safe to quote back in an error message or a log line: at most 40 characters,
   * control characters and unpaired surrogates shown as {@code \\uXXXX}, "..." where it was cut.
   */
  public static String excerpt(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < value.length(); shown++) {
      if (shown == EXCERPT) {
        return out.append("...").toString();
      }
      int c = value.codePointAt(i);
      int type = Character.getType(c);
      if (type == Character.CONTROL || type == Character.SURROGATE) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
      i += Character.charCount(c);
    }
    return out.toString();
  }

  private static final int EXCERPT = 40;

  private static boolean allowedInLines(String text, int i) {
    char c = text.charAt(i);
    return c == '\n'
        || c == '\t'
        || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n');
  }
}

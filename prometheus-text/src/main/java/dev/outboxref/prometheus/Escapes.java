package dev.outboxref.prometheus;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The backslash escapes of a quoted label value, the same in both texts: \\, \" and \n. */
final class Escapes {

  /** The inside of a double-quoted string: anything but a quote or a backslash, or an escape. */
  static final String QUOTED = "\"((?:[^\"\\\\]|\\\\.)*)\"";

  private static final Pattern ESCAPE = Pattern.compile("\\\\(.)");

  private Escapes() {}

  static String unescape(String raw) {
    Matcher m = ESCAPE.matcher(raw);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String c = m.group(1);
      m.appendReplacement(out, Matcher.quoteReplacement(c.equals("n") ? "\n" : c));
    }
    m.appendTail(out);
    return out.toString();
  }
}

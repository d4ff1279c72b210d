package dev.outboxref.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A /metrics page in the Prometheus text exposition format (what MicroProfile Metrics on Liberty
 * serves), read into its samples. Comments ({@code # HELP}, {@code # TYPE}) and blank lines are
 * skipped; any other line that is no sample is an {@link IllegalArgumentException}, so a page in
 * another format fails where it is read.
 */
public record Exposition(List<Sample> samples) {

  /**
   * One sample line, {@code name{label="value",...} value [timestamp]}: label values unescaped, the
   * value with {@code +Inf}, {@code -Inf} and {@code NaN} as doubles, the timestamp dropped.
   */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern NAME = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
  // one label and the comma after it, or the closing brace ahead
  private static final Pattern LABEL =
      Pattern.compile(
          "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*" + Escapes.QUOTED + "\\s*(?:,|(?=\\}))");
  private static final Pattern CLOSE = Pattern.compile("\\s*\\}");

  public Exposition {
    samples = List.copyOf(samples);
  }

  public static Exposition parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        samples.add(sample(l));
      }
    }
    return new Exposition(samples);
  }

  /** The value of the first sample of this name, whatever its labels; empty if there is none. */
  public OptionalDouble value(String name) {
    return value(name, Map.of());
  }

  /**
   * The value of the first sample of this name whose labels include these (it may have more); empty
   * if there is none.
   */
  public OptionalDouble value(String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(Sample::value)
        .findFirst();
  }

  private static Sample sample(String line) {
    Matcher name = NAME.matcher(line);
    if (!name.lookingAt()) {
      throw notASample(line);
    }
    int at = name.end();
    Map<String, String> labels = new LinkedHashMap<>();
    if (at < line.length() && line.charAt(at) == '{') {
      at++;
      Matcher close = CLOSE.matcher(line);
      Matcher label = LABEL.matcher(line);
      while (!close.region(at, line.length()).lookingAt()) {
        if (!label.region(at, line.length()).lookingAt()) {
          throw notASample(line);
        }
        labels.put(label.group(1), Escapes.unescape(label.group(2)));
        at = label.end();
      }
      at = close.end();
    }
    String rest = line.substring(at);
    String[] valueAndTime = rest.strip().split("\\s+");
    if (rest.isBlank() || !Character.isWhitespace(rest.charAt(0)) || valueAndTime.length > 2) {
      throw notASample(line);
    }
    return new Sample(name.group(), labels, number(valueAndTime[0], line));
  }

  private static double number(String text, String line) {
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw notASample(line);
        }
      }
    };
  }

  private static IllegalArgumentException notASample(String line) {
    return new IllegalArgumentException("not a sample line of the Prometheus text format: " + line);
  }
}

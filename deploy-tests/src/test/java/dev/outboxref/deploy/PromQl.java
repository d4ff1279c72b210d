package dev.outboxref.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of PromQL to read a dashboard query: the metric selectors it uses (name and label
 * matchers) and the label names it groups by. Not a parser: it recognises the shapes dashboards use
 * (functions, aggregations with by/without, binary operators, Grafana variables).
 */
final class PromQl {

  /** One metric selector: {@code name{label="value", ...}}. */
  record Selector(String metric, Map<String, String> matchers) {}

  /** What a query reads: its selectors and every label name it matches on or groups by. */
  record Query(String text, List<Selector> selectors, Set<String> labels) {}

  private static final String NAME = "[A-Za-z_:][A-Za-z0-9_:]*+";

  // a name not preceded by part of a name or number (so the "e9" of 1e9 is no name)
  private static final Pattern SELECTOR =
      Pattern.compile("(?<![A-Za-z0-9_:.])(" + NAME + ")\\s*\\{([^}]*)\\}");
  private static final Pattern MATCHER =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");
  // a name that is not a function call
  private static final Pattern BARE_NAME =
      Pattern.compile("(?<![A-Za-z0-9_:.$])(" + NAME + ")(?!\\s*\\()");
  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset",
          "and",
          "or",
          "unless",
          "atan2",
          "inf",
          "nan",
          "Inf",
          "NaN");
  // Grafana's template query, not PromQL: label_values(selector, label)
  private static final Pattern LABEL_VALUES =
      Pattern.compile("\\s*label_values\\((.*),\\s*(" + NAME + ")\\s*\\)\\s*");

  private PromQl() {}

  static Query parse(String query) {
    Matcher labelValues = LABEL_VALUES.matcher(query);
    if (labelValues.matches()) {
      Query inner = parse(labelValues.group(1));
      Set<String> labels = new LinkedHashSet<>(inner.labels());
      labels.add(labelValues.group(2));
      return new Query(query, inner.selectors(), labels);
    }
    List<Selector> selectors = new ArrayList<>();
    Set<String> labels = new LinkedHashSet<>();
    String rest = RANGE.matcher(query).replaceAll(" ");

    Matcher s = SELECTOR.matcher(rest);
    StringBuilder withoutSelectors = new StringBuilder();
    while (s.find()) {
      Map<String, String> matchers = new LinkedHashMap<>();
      Matcher m = MATCHER.matcher(s.group(2));
      while (m.find()) {
        matchers.put(m.group(1), m.group(3));
      }
      labels.addAll(matchers.keySet());
      selectors.add(new Selector(s.group(1), matchers));
      s.appendReplacement(withoutSelectors, " ");
    }
    s.appendTail(withoutSelectors);
    rest = STRING.matcher(withoutSelectors).replaceAll(" ");

    Matcher g = GROUPING.matcher(rest);
    while (g.find()) {
      for (String label : g.group(1).split(",")) {
        if (!label.isBlank()) {
          labels.add(label.trim());
        }
      }
    }
    rest = GROUPING.matcher(rest).replaceAll(" ");

    Matcher bare = BARE_NAME.matcher(rest);
    while (bare.find()) {
      if (!KEYWORDS.contains(bare.group(1))) {
        selectors.add(new Selector(bare.group(1), Map.of()));
      }
    }
    return new Query(query, List.copyOf(selectors), Set.copyOf(labels));
  }
}

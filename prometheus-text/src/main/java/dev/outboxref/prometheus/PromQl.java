package dev.outboxref.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of PromQL to read a dashboard query or an alert rule: the metric selectors it uses
 * (name and label matchers) and the label names it groups by. Not a parser: it recognises the
 * shapes dashboards and rules use (functions, aggregations with by/without, binary operators,
 * Grafana variables and label_values).
 */
public final class PromQl {

  /** One label matcher: {@code label="value"}, the operator one of =, !=, =~, !~. */
  public record LabelMatcher(String label, String operator, String value) {}

  /** One metric selector: {@code name{label="value", ...}}; a bare name has no matchers. */
  public record Selector(String metric, List<LabelMatcher> matchers) {

    /** The value the label is matched against (whatever the operator); null if it is not. */
    public String value(String label) {
      return matchers.stream()
          .filter(m -> m.label().equals(label))
          .map(LabelMatcher::value)
          .findFirst()
          .orElse(null);
    }
  }

  /** What a query reads: its selectors and every label name it matches on or groups by. */
  public record Query(String text, List<Selector> selectors, Set<String> labels) {}

  private static final String NAME = "[A-Za-z_:][A-Za-z0-9_:]*+";

  // a name not preceded by part of a name or number (so the "e9" of 1e9 is no name)
  private static final Pattern SELECTOR =
      Pattern.compile("(?<![A-Za-z0-9_:.])(" + NAME + ")\\s*\\{([^}]*)\\}");
  private static final Pattern MATCHER =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*" + Escapes.QUOTED);
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
  private static final Pattern STRING = Pattern.compile(Escapes.QUOTED);
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

  public static Query parse(String query) {
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
      List<LabelMatcher> matchers = new ArrayList<>();
      Matcher m = MATCHER.matcher(s.group(2));
      while (m.find()) {
        matchers.add(new LabelMatcher(m.group(1), m.group(2), Escapes.unescape(m.group(3))));
        labels.add(m.group(1));
      }
      selectors.add(new Selector(s.group(1), List.copyOf(matchers)));
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
        selectors.add(new Selector(bare.group(1), List.of()));
      }
    }
    return new Query(query, List.copyOf(selectors), Set.copyOf(labels));
  }
}

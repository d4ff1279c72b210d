package dev.outboxref.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PromQlTest {

  /** The metric names, on the shapes the dashboards and alert rules use. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void readsMetricNames(String query, Set<String> metrics) {
    Set<String> found = new TreeSet<>();
    PromQl.parse(query).selectors().forEach(s -> found.add(s.metric()));
    assertEquals(new TreeSet<>(metrics), found, query);
  }

  static Stream<Arguments> queries() {
    return Stream.of(
        Arguments.of(
            "histogram_quantile(0.99, sum by (le) (rate(a_bucket{service=\"x\"}[$__rate_interval])))",
            Set.of("a_bucket")),
        Arguments.of(
            "sum(rate(b_total[5m])) by (pod) / 1e9 + on(pod) group_left c", Set.of("b_total", "c")),
        Arguments.of("label_values(d{service=\"x\"}, namespace)", Set.of("d")),
        Arguments.of(
            "outboxref:lag:max5m > 0 and e {service = \"y\"} offset 5m",
            Set.of("outboxref:lag:max5m", "e")));
  }

  @Test
  void readsEachMatcherWithItsOperatorAndUnescapedValue() {
    PromQl.Selector s =
        PromQl.parse(
                "rate(x_total{service=\"post-service\", reason!=\"\", pod=~\"a.*\", le!~\"+Inf\","
                    + " path=\"/a\\\"b\"}[1m])")
            .selectors()
            .get(0);
    assertEquals("x_total", s.metric());
    assertEquals(
        List.of(
            new PromQl.LabelMatcher("service", "=", "post-service"),
            new PromQl.LabelMatcher("reason", "!=", ""),
            new PromQl.LabelMatcher("pod", "=~", "a.*"),
            new PromQl.LabelMatcher("le", "!~", "+Inf"),
            new PromQl.LabelMatcher("path", "=", "/a\"b")),
        s.matchers());
    assertEquals("post-service", s.value("service"));
    assertNull(s.value("namespace"));
  }

  @Test
  void labelsAreThoseMatchedGroupedByOrAskedForByLabelValues() {
    assertEquals(
        Set.of("service", "le", "pod"),
        PromQl.parse("sum by (le, pod) (rate(a_bucket{service=\"x\"}[5m]))").labels());
    assertEquals(
        Set.of("service", "namespace"),
        PromQl.parse("label_values(d{service=\"x\"}, namespace)").labels());
  }

  @Test
  void aBareNameHasNoMatchers() {
    assertEquals(
        List.of(new PromQl.Selector("up", List.of())), PromQl.parse("up == 0").selectors());
  }
}

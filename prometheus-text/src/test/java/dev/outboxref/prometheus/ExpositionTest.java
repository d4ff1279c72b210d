package dev.outboxref.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ExpositionTest {

  /** A page as MicroProfile Metrics 5.1 on Liberty serves it, with the odd cases added. */
  static final String PAGE =
      """
      # HELP replica_events_parked_total Events parked
      # TYPE replica_events_parked_total counter
      replica_events_parked_total{mp_scope="application",reason="poison"} 3.0
      # TYPE user_directory_call_seconds summary
      user_directory_call_seconds{mp_scope="application",quantile="0.5",} 0.002
      user_directory_call_seconds{mp_scope="application",quantile="0.99",} 0.031
      user_directory_call_seconds_count{mp_scope="application",} 42.0

      replica_lag_seconds_bucket{le="+Inf"} +Inf
      replica_lag_seconds_max NaN
      outbox_oldest_age_seconds -Inf 1700000000000
      odd_labels{path="/a\\"b\\\\c}",note="two\\nlines"} 1e3
      """;

  @Test
  void readsEverySampleLineAndSkipsCommentsAndBlankLines() {
    List<Exposition.Sample> samples = Exposition.parse(PAGE).samples();
    assertEquals(
        List.of(
            "replica_events_parked_total",
            "user_directory_call_seconds",
            "user_directory_call_seconds",
            "user_directory_call_seconds_count",
            "replica_lag_seconds_bucket",
            "replica_lag_seconds_max",
            "outbox_oldest_age_seconds",
            "odd_labels"),
        samples.stream().map(Exposition.Sample::name).toList());
    assertEquals(Map.of("mp_scope", "application", "reason", "poison"), samples.get(0).labels());
    assertEquals(3.0, samples.get(0).value());
  }

  @Test
  void labelValuesAreUnescapedAndMayHoldBracesAndCommas() {
    Exposition.Sample odd = Exposition.parse(PAGE).samples().get(7);
    assertEquals(Map.of("path", "/a\"b\\c}", "note", "two\nlines"), odd.labels());
    assertEquals(1000.0, odd.value());
  }

  @Test
  void infinitiesAndNanAreDoublesAndATimestampIsDropped() {
    Exposition page = Exposition.parse(PAGE);
    assertEquals(
        OptionalDouble.of(Double.POSITIVE_INFINITY), page.value("replica_lag_seconds_bucket"));
    assertTrue(Double.isNaN(page.value("replica_lag_seconds_max").getAsDouble()));
    assertEquals(
        OptionalDouble.of(Double.NEGATIVE_INFINITY), page.value("outbox_oldest_age_seconds"));
  }

  @Test
  void aValueIsTheFirstSampleOfTheNameWhoseLabelsIncludeTheGivenOnes() {
    Exposition page = Exposition.parse(PAGE);
    assertEquals(OptionalDouble.of(0.002), page.value("user_directory_call_seconds"));
    assertEquals(
        OptionalDouble.of(0.031),
        page.value("user_directory_call_seconds", Map.of("quantile", "0.99")));
    assertEquals(OptionalDouble.of(42.0), page.value("user_directory_call_seconds_count"));
  }

  @Test
  void aMissingMetricOrLabelHasNoValue() {
    Exposition page = Exposition.parse(PAGE);
    assertEquals(OptionalDouble.empty(), page.value("replica_events_applied_total"));
    assertEquals(OptionalDouble.empty(), page.value("user_directory_call"));
    assertEquals(
        OptionalDouble.empty(),
        page.value("user_directory_call_seconds", Map.of("quantile", "0.75")));
    assertEquals(List.of(), Exposition.parse("").samples());
  }

  @Test
  void aLineThatIsNoSampleIsAnError() {
    for (String line :
        List.of(
            "<html>",
            "metric",
            "metric{a=\"1\" 2",
            "metric{a=1} 2",
            "metric{a=\"1\"} two",
            "metric 1 2 3",
            "metric{a=\"1\"}2")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Exposition.parse(line), line);
      assertTrue(e.getMessage().endsWith(line), e.getMessage());
    }
  }
}

package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import dev.outboxref.prometheus.PromQl;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Grafana dashboards query what the services really expose: every metric name in a query is one
 * of the services' MicroProfile Metrics (as Prometheus names them), selected with the `service`
 * label of the service that exposes it, and every label a query uses is one the series carry (from
 * the services or from the PodMonitor's scrape). An invented or renamed metric fails here instead
 * of showing "No data".
 */
class DashboardMetricsTest {

  static final String DASHBOARDS = "k8s/components/observability/dashboards";

  /**
   * The metrics the services expose (`GET /metrics`, MicroProfile Metrics 5.1 on Open Liberty),
   * with the service that exposes them. Application metrics: user-war RelayMetrics / RelayStatus,
   * post-war ConsumerMetrics / ParkedEventsGauge and the replica consumer (lag per partition,
   * batches) / UserDirectoryClient; ft_*: MicroProfile Fault Tolerance on
   * UserDirectoryClient.getUser. Add a name here when a service starts exposing it.
   */
  static final Map<String, Service> KNOWN_METRICS = knownMetrics();

  /** Labels the services put on those metrics. */
  static final Set<String> SERVICE_LABELS =
      Set.of(
          "mp_scope",
          "le",
          "partition",
          "quantile",
          "method",
          "state",
          "result",
          "fallback",
          "circuitBreakerResult",
          "retried",
          "retryResult",
          "timedOut");

  /** Target labels the Prometheus Operator sets on every PodMonitor target. */
  static final Set<String> OPERATOR_LABELS =
      Set.of("namespace", "pod", "container", "job", "instance", "endpoint");

  private static Map<String, Service> knownMetrics() {
    Map<String, Service> m = new LinkedHashMap<>();
    for (String name :
        List.of(
            "outbox_backlog",
            "outbox_oldest_unpublished_age_seconds",
            "outbox_relay_leader",
            "outbox_published_total",
            "outbox_publish_failures_total")) {
      m.put(name, Service.USER);
    }
    for (String name :
        List.of(
            "replica_events_applied_total",
            "replica_events_stale_total",
            "replica_events_parked_total",
            "replica_parked_events",
            "replica_consumer_lag",
            "replica_verification_divergent_users_total",
            "replica_verification_repaired_users_total",
            "replica_verification_last_complete_pass_timestamp_seconds",
            "replica_verification_pass_seconds",
            "ft_circuitbreaker_opened_total",
            "ft_circuitbreaker_state_total_nanoseconds",
            "ft_circuitbreaker_calls_total",
            "ft_retry_retries_total",
            "ft_retry_calls_total",
            "ft_invocations_total",
            "ft_timeout_calls_total")) {
      m.put(name, Service.POST);
    }
    // histograms (and a summary): the quantile series under the bare name, plus the suffixed ones
    for (String histogram :
        List.of(
            "replica_lag_seconds",
            "replica_freshness_seconds",
            "replica_batch_size",
            "replica_batch_apply_seconds",
            "user_directory_call_seconds",
            "ft_timeout_executionDuration_nanoseconds")) {
      for (String suffix : List.of("", "_bucket", "_count", "_sum", "_max")) {
        m.put(histogram + suffix, Service.POST);
      }
    }
    m.remove("ft_timeout_executionDuration_nanoseconds_bucket");
    return Map.copyOf(m);
  }

  static List<String> dashboards() {
    return Repo.files(Repo.path(DASHBOARDS), ".json").stream()
        .map(p -> Repo.root().relativize(p).toString())
        .toList();
  }

  static JsonObject read(String dashboard) {
    try {
      return Json.createReader(new StringReader(Repo.read(Repo.path(dashboard)))).readObject();
    } catch (JsonParsingException e) {
      throw new AssertionError(dashboard + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Every PromQL query of a dashboard: panel targets' expr (rows included) and query variables. */
  static List<PromQl.Query> queries(JsonObject dashboard) {
    List<String> texts = new ArrayList<>();
    collectExprs(dashboard.get("panels"), texts);
    for (JsonObject v : objects(dashboard.getJsonObject("templating"), "list")) {
      if ("query".equals(v.getString("type", ""))) {
        JsonValue q = v.get("query");
        if (q instanceof JsonString s) {
          texts.add(s.getString());
        } else if (q instanceof JsonObject o && o.containsKey("query")) {
          texts.add(o.getString("query"));
        }
      }
    }
    return texts.stream().map(PromQl::parse).toList();
  }

  private static void collectExprs(JsonValue node, List<String> out) {
    if (node instanceof JsonObject o) {
      o.forEach(
          (k, v) -> {
            if ("expr".equals(k) && v instanceof JsonString s) {
              out.add(s.getString());
            } else {
              collectExprs(v, out);
            }
          });
    } else if (node instanceof JsonArray a) {
      a.forEach(v -> collectExprs(v, out));
    }
  }

  private static List<JsonObject> objects(JsonObject parent, String key) {
    if (parent == null || !(parent.get(key) instanceof JsonArray a)) {
      return List.of();
    }
    return a.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
  }

  private static List<JsonObject> allPanels(JsonObject dashboard) {
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject p : objects(dashboard, "panels")) {
      out.add(p);
      out.addAll(objects(p, "panels"));
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboards")
  void isAGrafanaDashboardWithADatasourceVariable(String file) {
    JsonObject d = read(file);
    assertFalse(d.getString("uid", "").isBlank(), file + ": no uid");
    assertFalse(d.getString("title", "").isBlank(), file + ": no title");
    assertTrue(d.get("schemaVersion") instanceof JsonNumber, file + ": no schemaVersion");
    List<JsonObject> datasourceVars =
        objects(d.getJsonObject("templating"), "list").stream()
            .filter(v -> "datasource".equals(v.getString("type", "")))
            .toList();
    assertEquals(1, datasourceVars.size(), file + ": one datasource template variable");
    assertEquals(
        "prometheus",
        datasourceVars.get(0).getString("query", ""),
        file + ": datasource variable type");
    String ref = "${" + datasourceVars.get(0).getString("name") + "}";
    Set<Integer> ids = new HashSet<>();
    for (JsonObject p : allPanels(d)) {
      assertTrue(
          ids.add(p.getInt("id", -1)), file + ": panel id " + p.get("id") + " is not unique");
      boolean queries = p.containsKey("targets") && !p.getJsonArray("targets").isEmpty();
      if (queries) {
        JsonObject ds = p.getJsonObject("datasource");
        assertTrue(
            ds != null && ref.equals(ds.getString("uid", "")),
            file
                + ": panel \""
                + p.getString("title", "")
                + "\" must use the datasource variable "
                + ref);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboards")
  void queriesUseOnlyMetricsTheServicesExpose(String file) {
    List<PromQl.Query> queries = queries(read(file));
    assertFalse(queries.isEmpty(), file + ": no queries");
    for (PromQl.Query q : queries) {
      assertFalse(q.selectors().isEmpty(), file + ": no metric found in query " + q.text());
      Set<String> unknown = new TreeSet<>();
      q.selectors().stream()
          .map(PromQl.Selector::metric)
          .filter(m -> !KNOWN_METRICS.containsKey(m))
          .forEach(unknown::add);
      assertTrue(
          unknown.isEmpty(),
          file
              + ": metric(s) "
              + unknown
              + " are not exposed by the services (query: "
              + q.text()
              + "); known: "
              + new TreeSet<>(KNOWN_METRICS.keySet()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboards")
  void queriesSelectTheServiceThatExposesTheMetric(String file) {
    for (PromQl.Query q : queries(read(file))) {
      for (PromQl.Selector s : q.selectors()) {
        Service owner = KNOWN_METRICS.get(s.metric());
        if (owner == null) {
          continue; // reported by queriesUseOnlyMetricsTheServicesExpose
        }
        assertEquals(
            owner.appName(),
            s.value(MetricsScrapingTest.SERVICE_LABEL),
            file
                + ": "
                + s.metric()
                + " comes from "
                + owner.appName()
                + "; select it with "
                + MetricsScrapingTest.SERVICE_LABEL
                + "=\""
                + owner.appName()
                + "\" (query: "
                + q.text()
                + ")");
      }
    }
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("dev.outboxref.deploy.MetricsScrapingTest#overlaysWithObservability")
  void queriesUseOnlyLabelsTheSeriesCarry(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    Set<String> scrapeLabels = new TreeSet<>(OPERATOR_LABELS);
    for (Map<String, Object> pm : r.all("PodMonitor")) {
      for (Map<String, Object> e : Y.maps(pm, "spec", "podMetricsEndpoints")) {
        Y.maps(e, "relabelings").stream()
            .map(rl -> Y.str(rl, "targetLabel"))
            .filter(l -> l != null && !l.startsWith("__"))
            .forEach(scrapeLabels::add);
      }
    }
    for (String file : dashboards()) {
      for (PromQl.Query q : queries(read(file))) {
        Set<String> unknown = new TreeSet<>(q.labels());
        unknown.removeAll(SERVICE_LABELS);
        unknown.removeAll(scrapeLabels);
        assertTrue(
            unknown.isEmpty(),
            overlay
                + ": "
                + file
                + " uses label(s) "
                + unknown
                + " that neither the services nor the "
                + "scrape ("
                + scrapeLabels
                + ") put on the series (query: "
                + q.text()
                + ")");
      }
    }
  }
}

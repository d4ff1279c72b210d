package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import dev.outboxref.prometheus.Exposition;
import dev.outboxref.prometheus.PromQl;
import dev.outboxref.stack.LibertyServer;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.PostsApi;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.UsersApi;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Grafana dashboard against the live services: after a short load that gives every panel
 * something to show (registrations and profile changes through the outbox to the replica, a post, a
 * post whose author only the user service can confirm over gRPC), every metric that a panel's query
 * selects has at least one sample on the {@code /metrics} of the service the query names, with the
 * label values the query matches on. deploy-tests' DashboardMetricsTest checks the same queries
 * against a list of names; this checks them against what Liberty serves.
 */
@ExtendWith(StackExtension.class)
class DashboardLiveDataIT {

  static final Path DASHBOARD =
      Path.of("..", "k8s", "components", "observability", "dashboards", "outboxref-pipeline.json");

  /**
   * Labels Prometheus puts on at the scrape in the cluster (the PodMonitor's relabelings and target
   * labels), which a service's own /metrics does not have. `service` picks the service.
   */
  static final Set<String> SCRAPE_LABELS =
      Set.of("service", "namespace", "pod", "container", "job", "instance", "endpoint");

  /**
   * A panel's metric selector, {@code name{label="value", ...}}: every query of the dashboard
   * selects its metrics so, with the service label (DashboardMetricsTest fails a query that does
   * not).
   */
  record Selector(String panel, String metric, Map<String, String> matchers) {}

  @Test
  void everyMetricAPanelQueriesHasSamples(Stack stack) throws IOException {
    List<Selector> selectors = selectors(DASHBOARD);
    assertFalse(selectors.isEmpty(), "no queries in " + DASHBOARD);

    load(stack);

    Map<String, List<Exposition.Sample>> byService =
        Map.of(
            Service.USER.appName(), scrape(stack.userService()),
            Service.POST.appName(), scrape(stack.postService()));
    List<String> missing = new ArrayList<>();
    for (Selector selector : selectors) {
      String service = selector.matchers().get("service");
      assertTrue(
          byService.containsKey(service),
          selector.panel() + ": the query selects no known service: " + selector);
      boolean found =
          byService.get(service).stream()
              .anyMatch(s -> s.name().equals(selector.metric()) && matches(selector, s));
      if (!found) {
        missing.add("\"" + selector.panel() + "\": " + selector.metric() + selector.matchers());
      }
    }
    assertTrue(
        missing.isEmpty(),
        "panels query metrics that the services do not serve (with those labels): " + missing);
  }

  /**
   * A short load through the helpers the other tests use: five users registered and renamed (the
   * outbox, the relay, the consumer's batches and lag), a post by one of them, and a post by an
   * author no one has, which the post service asks the user service about over gRPC (the GetUser
   * latency and the fault tolerance metrics of that call).
   */
  private static void load(Stack stack) {
    UsersApi users = new UsersApi(stack.userService());
    PostsApi posts = new PostsApi(stack);
    Map<String, Long> versions = new LinkedHashMap<>();
    for (String id : users.registerMany("dashboard", 5)) {
      versions.put(id, users.rename(id, "Renamed"));
    }
    Poll.until(
        "the replica to catch up with the changes",
        Duration.ofSeconds(30),
        () -> posts.behind(versions),
        List::isEmpty);
    String author = versions.keySet().iterator().next();
    HttpResponse<String> post = posts.create(author, "Dashboards", "with data");
    assertEquals(201, post.statusCode(), post.body());
    // the first gRPC call of a fresh stack can miss its 300 ms deadline (a 503): ask until the
    // user service's answer, NOT_FOUND, comes back as a 422
    Poll.until(
        "the post service to ask the user service about an unknown author",
        Duration.ofSeconds(30),
        () -> posts.create(UUID.randomUUID().toString(), "t", "c"),
        response -> response.statusCode() == 422);
  }

  /** The selectors of every panel's queries (rows' panels included). */
  static List<Selector> selectors(Path dashboard) throws IOException {
    JsonObject json = Json.createReader(new StringReader(Files.readString(dashboard))).readObject();
    List<Selector> out = new ArrayList<>();
    collect(json.getJsonArray("panels"), out);
    return out;
  }

  private static void collect(JsonArray panels, List<Selector> out) {
    for (JsonObject panel : panels.getValuesAs(JsonObject.class)) {
      String title = panel.getString("title", "");
      if (panel.get("targets") instanceof JsonArray targets) {
        for (JsonValue target : targets) {
          String expr = target.asJsonObject().getString("expr");
          List<PromQl.Selector> selectors = PromQl.parse(expr).selectors();
          assertFalse(selectors.isEmpty(), title + ": no metric selector in " + expr);
          for (PromQl.Selector s : selectors) {
            Map<String, String> matchers = new LinkedHashMap<>();
            for (PromQl.LabelMatcher l : s.matchers()) {
              assertEquals(
                  "=",
                  l.operator(),
                  title + ": this test compares label values with = only: " + expr);
              matchers.put(l.label(), l.value());
            }
            out.add(new Selector(title, s.metric(), matchers));
          }
        }
      }
      if (panel.get("panels") instanceof JsonArray nested) {
        collect(nested, out);
      }
    }
  }

  private static boolean matches(Selector selector, Exposition.Sample sample) {
    return selector.matchers().entrySet().stream()
        .filter(e -> !SCRAPE_LABELS.contains(e.getKey()))
        .allMatch(e -> e.getValue().equals(sample.labels().get(e.getKey())));
  }

  /**
   * The service's {@code /metrics} (Prometheus text format), one sample per line; a line that is no
   * sample fails the test.
   */
  private static List<Exposition.Sample> scrape(LibertyServer service) {
    HttpResponse<String> response = Http.get(service.baseUrl() + "/metrics");
    assertEquals(200, response.statusCode(), response.body());
    return Exposition.parse(response.body()).samples();
  }
}

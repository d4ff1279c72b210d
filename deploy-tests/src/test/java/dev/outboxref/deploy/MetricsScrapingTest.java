package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Prometheus reaches both services' /metrics: the pod templates opt in to Istio's metrics merging
 * with the prometheus.io/* annotations on the real HTTP port, and every overlay with the
 * observability component has a PodMonitor that selects both services' pods, scrapes the sidecar's
 * merged endpoint (plain HTTP on 15020, outside STRICT mTLS) and labels the series with the service
 * name the dashboards select on.
 */
class MetricsScrapingTest {

  static final String APP_NS = "outboxref";
  static final String OBSERVABILITY_COMPONENT = "components/observability";
  static final int MERGED_METRICS_PORT = 15020;
  static final String MERGED_METRICS_PATH = "/stats/prometheus";

  /** The series label that names the service (see the PodMonitor's relabelings). */
  static final String SERVICE_LABEL = "service";

  static Stream<Arguments> cases() {
    return Cases.overlayAndService().stream();
  }

  /** Overlays whose kustomization lists the observability component. */
  static List<String> overlaysWithObservability() {
    return Repo.overlays().stream()
        .filter(
            o ->
                Y.parseAll(
                        Repo.read(Repo.path("k8s/overlays/" + o + "/kustomization.yaml")),
                        "k8s/overlays/" + o + "/kustomization.yaml")
                    .stream()
                    .flatMap(k -> Y.strings(k, "components").stream())
                    .anyMatch(c -> c.replaceAll("/+$", "").endsWith(OBSERVABILITY_COMPONENT)))
        .toList();
  }

  static Stream<Arguments> observabilityCases() {
    return overlaysWithObservability().stream()
        .flatMap(o -> Stream.of(Service.values()).map(s -> Arguments.of(o, s)));
  }

  static Map<String, Object> podTemplate(Rendered r, Service s) {
    return Y.map(r.get("Deployment", APP_NS, s.appName()), "spec", "template");
  }

  /** Whether a Kubernetes label selector (matchLabels and matchExpressions) selects the labels. */
  static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
    boolean byLabels =
        Y.map(selector, "matchLabels").entrySet().stream()
            .allMatch(
                e -> String.valueOf(e.getValue()).equals(String.valueOf(labels.get(e.getKey()))));
    boolean byExpressions =
        Y.maps(selector, "matchExpressions").stream()
            .allMatch(
                e -> {
                  String key = Y.str(e, "key");
                  List<String> values = Y.strings(e, "values");
                  String value = labels.containsKey(key) ? String.valueOf(labels.get(key)) : null;
                  return switch (String.valueOf(Y.str(e, "operator"))) {
                    case "In" -> value != null && values.contains(value);
                    case "NotIn" -> value == null || !values.contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> false;
                  };
                });
    boolean empty =
        Y.map(selector, "matchLabels").isEmpty() && Y.maps(selector, "matchExpressions").isEmpty();
    return !empty && byLabels && byExpressions;
  }

  /** The PodMonitors of a rendering that would scrape the service's pods. */
  static List<Map<String, Object>> podMonitorsOf(Rendered r, Service s) {
    Map<String, Object> pod = podTemplate(r, s);
    return r.all("PodMonitor").stream()
        .filter(
            pm -> {
              Map<String, Object> ns = Y.map(pm, "spec", "namespaceSelector");
              boolean inNamespace =
                  Boolean.TRUE.equals(ns.get("any"))
                      || Y.strings(ns, "matchNames").contains(APP_NS)
                      || (!ns.containsKey("matchNames") && APP_NS.equals(Y.namespace(pm)));
              return inNamespace
                  && selects(Y.map(pm, "spec", "selector"), Y.map(pod, "metadata", "labels"));
            })
        .toList();
  }

  /** The Prometheus pod-discovery label of a pod label (non-alphanumerics become _). */
  static String podLabelMeta(String podLabel) {
    return "__meta_kubernetes_pod_label_" + podLabel.replaceAll("[^A-Za-z0-9_]", "_");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void podTemplateAsksForScrapingOnTheHttpPort(String overlay, Service s) {
    Rendered r = Rendered.overlay(overlay);
    Map<String, Object> d = r.get("Deployment", APP_NS, s.appName());
    Map<String, Object> annotations = Y.map(podTemplate(r, s), "metadata", "annotations");
    String where = overlay + " " + s.appName() + " pod template";
    assertEquals(
        "true", Y.str(annotations, "prometheus.io/scrape"), where + ": prometheus.io/scrape");
    assertEquals(
        "/metrics", Y.str(annotations, "prometheus.io/path"), where + ": prometheus.io/path");
    String port = Y.str(annotations, "prometheus.io/port");
    assertTrue(
        port != null && port.matches("\\d+"),
        where + ": prometheus.io/port must be a number, found " + port);
    Map<String, Object> c = Rendered.container(d, s.appName());
    assertEquals(
        Rendered.containerPort(c, "http", where),
        Integer.parseInt(port),
        where
            + ": prometheus.io/port must be the container's http port (where Liberty serves /metrics)");
    assertEquals(
        s.httpPort(),
        Integer.parseInt(port),
        where + ": prometheus.io/port differs from http.port in " + ServiceFiles.serverXml(s));
    // Prometheus cannot scrape the app port through STRICT mTLS: only the merged endpoint works
    assertNotEquals(
        "false",
        Y.str(annotations, "prometheus.istio.io/merge-metrics"),
        where + ": Istio metrics merging must stay on");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("observabilityCases")
  void podMonitorScrapesTheServiceThroughItsSidecar(String overlay, Service s) {
    Rendered r = Rendered.overlay(overlay);
    List<Map<String, Object>> monitors = podMonitorsOf(r, s);
    assertEquals(
        1,
        monitors.size(),
        overlay
            + ": exactly one PodMonitor should select the "
            + s.appName()
            + " pods, found "
            + monitors.stream().map(Y::id).toList());
    Map<String, Object> pm = monitors.get(0);
    List<Map<String, Object>> endpoints = Y.maps(pm, "spec", "podMetricsEndpoints");
    assertEquals(1, endpoints.size(), Y.id(pm) + ": one endpoint (the sidecar's merged metrics)");
    Map<String, Object> e = endpoints.get(0);
    assertEquals(MERGED_METRICS_PATH, Y.str(e, "path"), Y.id(pm) + ": path of the merged endpoint");
    assertTrue(
        Y.str(e, "scheme") == null || "http".equals(Y.str(e, "scheme")),
        Y.id(pm) + ": the merged endpoint is plain HTTP");
    List<Map<String, Object>> relabelings = Y.maps(e, "relabelings");
    assertTrue(
        relabelings.stream()
            .anyMatch(
                rl ->
                    "__address__".equals(Y.str(rl, "targetLabel"))
                        && String.valueOf(Y.str(rl, "replacement"))
                            .endsWith(":" + MERGED_METRICS_PORT)),
        Y.id(pm) + ": must point the target address at port " + MERGED_METRICS_PORT);
    assertTrue(
        relabelings.stream()
            .anyMatch(
                rl ->
                    "keep".equalsIgnoreCase(Y.str(rl, "action"))
                        && Y.strings(rl, "sourceLabels")
                            .equals(
                                List.of("__meta_kubernetes_pod_annotation_prometheus_io_scrape"))
                        && "true".equals(Y.str(rl, "regex"))),
        Y.id(pm) + ": must keep only pods annotated prometheus.io/scrape: \"true\"");

    // the service label: copied from a pod label whose value is the service's name
    List<Map<String, Object>> serviceRelabel =
        relabelings.stream().filter(rl -> SERVICE_LABEL.equals(Y.str(rl, "targetLabel"))).toList();
    assertEquals(
        1,
        serviceRelabel.size(),
        Y.id(pm) + ": one relabeling must set the `" + SERVICE_LABEL + "` label");
    Map<String, Object> rl = serviceRelabel.get(0);
    assertTrue(
        (rl.get("regex") == null || "(.*)".equals(Y.str(rl, "regex")))
            && (rl.get("replacement") == null || "$1".equals(Y.str(rl, "replacement"))),
        Y.id(pm) + ": the `" + SERVICE_LABEL + "` label must be the pod label's value as is");
    Map<String, Object> podLabels = Y.map(podTemplate(r, s), "metadata", "labels");
    List<String> source = Y.strings(rl, "sourceLabels");
    String fromLabel =
        podLabels.keySet().stream()
            .filter(l -> source.equals(List.of(podLabelMeta(l))))
            .findFirst()
            .orElse(null);
    assertNotNull(
        fromLabel,
        Y.id(pm)
            + ": `"
            + SERVICE_LABEL
            + "` must come from one label of the pod template "
            + podLabels
            + ", found "
            + source);
    assertEquals(
        s.appName(),
        String.valueOf(podLabels.get(fromLabel)),
        overlay
            + ": the "
            + s.appName()
            + " series would be labelled "
            + SERVICE_LABEL
            + "="
            + podLabels.get(fromLabel));
  }

  /** The namespace of the Prometheus that scrapes the services (k8s/argocd/projects.yaml). */
  static final String SCRAPER_NS = "monitoring";

  /**
   * The merged metrics endpoint is outside the mesh's policies, so a NetworkPolicy admits only the
   * scraper's namespace to it: every ingress rule of every NetworkPolicy selecting the pods that
   * opens port 15020 (or all ports) comes from that namespace alone.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("observabilityCases")
  void mergedMetricsAreReachableByTheScraperOnly(String overlay, Service s) {
    Rendered r = Rendered.overlay(overlay);
    Map<String, Object> labels = Y.map(podTemplate(r, s), "metadata", "labels");
    List<Map<String, Object>> policies =
        r.all("NetworkPolicy").stream()
            .filter(np -> APP_NS.equals(Y.namespace(np)))
            .filter(np -> selects(Y.map(np, "spec", "podSelector"), labels))
            .filter(np -> Y.strings(np, "spec", "policyTypes").contains("Ingress"))
            .toList();
    assertFalse(
        policies.isEmpty(),
        overlay + ": no ingress NetworkPolicy selects " + s.appName() + ": :15020 is open to all");
    for (Map<String, Object> np : policies) {
      for (Map<String, Object> rule : Y.maps(np, "spec", "ingress")) {
        List<Map<String, Object>> ports = Y.maps(rule, "ports");
        boolean opensMetrics =
            ports.isEmpty()
                || ports.stream()
                    .anyMatch(p -> String.valueOf(p.get("port")).equals("" + MERGED_METRICS_PORT));
        if (!opensMetrics) {
          continue;
        }
        List<Map<String, Object>> from = Y.maps(rule, "from");
        assertFalse(from.isEmpty(), Y.id(np) + ": opens :15020 to every source");
        for (Map<String, Object> peer : from) {
          assertEquals(
              SCRAPER_NS,
              Y.str(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"),
              Y.id(np) + ": opens :15020 to a source other than the namespace " + SCRAPER_NS);
        }
      }
    }
  }
}

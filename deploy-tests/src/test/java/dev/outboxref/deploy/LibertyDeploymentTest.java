package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The two Liberty services' Deployments against the services themselves: container port = the
 * server.xml http.port, MicroProfile Health probes on that port, the writable paths Liberty needs
 * under a read-only root filesystem, graceful shutdown, JSON logs.
 */
class LibertyDeploymentTest {

  static Stream<Arguments> cases() {
    return Cases.overlayAndService().stream();
  }

  static Map<String, Object> deployment(Rendered r, Service s) {
    return r.get("Deployment", "outboxref", s.appName());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void containerPortIsTheServersHttpPort(String overlay, Service s) {
    Rendered r = Rendered.overlay(overlay);
    Map<String, Object> d = deployment(r, s);
    Map<String, Object> c = Rendered.container(d, s.appName());
    int serverPort = s.httpPort();
    List<Map<String, Object>> ports = Y.maps(c, "ports");
    assertEquals(
        1,
        ports.size(),
        overlay
            + " "
            + s.appName()
            + ": expected exactly one container port (Liberty's HTTP endpoint), found "
            + ports);
    assertEquals(
        "http",
        Y.str(ports.get(0), "name"),
        overlay + " " + s.appName() + ": the container port must be named http");
    assertEquals(
        serverPort,
        ports.get(0).get("containerPort"),
        overlay
            + " "
            + s.appName()
            + ": containerPort differs from http.port in "
            + ServiceFiles.serverXml(s));
    Map<String, Object> env = r.environment(d, c);
    if (env.containsKey("HTTP_PORT")) {
      assertEquals(
          String.valueOf(serverPort),
          Rendered.literal(env, "HTTP_PORT", s.appName()),
          "HTTP_PORT overrides the port to something else than the container port");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void probesUseMicroProfileHealthOnTheHttpPort(String overlay, Service s) {
    Map<String, Object> d = deployment(Rendered.overlay(overlay), s);
    Map<String, Object> c = Rendered.container(d, s.appName());
    Map<String, String> expected =
        Map.of(
            "startupProbe",
            "/health/started",
            "readinessProbe",
            "/health/ready",
            "livenessProbe",
            "/health/live");
    expected.forEach(
        (probe, path) -> {
          String where = overlay + " " + s.appName() + " " + probe;
          assertNotNull(c.get(probe), where + " is missing");
          assertEquals(path, Y.str(c, probe, "httpGet", "path"), where + ": wrong path");
          assertEquals(
              s.httpPort(),
              Rendered.containerPort(c, Y.at(c, probe, "httpGet", "port"), where),
              where + ": not on the HTTP port");
        });
    int period = ((Number) Y.at(c, "startupProbe", "periodSeconds")).intValue();
    int failures = ((Number) Y.at(c, "startupProbe", "failureThreshold")).intValue();
    assertTrue(
        period * failures >= 120,
        overlay
            + " "
            + s.appName()
            + ": the startup probe allows only "
            + period * failures
            + " s; Liberty's first start (feature resolution, schema migration) needs a generous budget (>= 120 s)");
  }

  /**
   * The post service's replica-consumer check asks Kafka and PostgreSQL on /health/ready and
   * /health/live; its liveness side goes DOWN after replica.watchdog.live-stall-seconds (120 s) of
   * a wedged consumer. The probes must wait for that check (a timeout is a failure, which would
   * restart the pod during an outage) and must not add minutes to the 120 s bound.
   */
  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("dev.outboxref.deploy.Repo#overlays")
  void postServiceProbesFitTheReplicaWatchdog(String overlay) {
    Map<String, Object> d = deployment(Rendered.overlay(overlay), Service.POST);
    Map<String, Object> c = Rendered.container(d, Service.POST.appName());
    for (String probe : List.of("readinessProbe", "livenessProbe")) {
      String where = overlay + " post-service " + probe;
      int timeout = ((Number) Y.at(c, probe, "timeoutSeconds")).intValue();
      assertTrue(
          timeout >= 5,
          where
              + ": timeoutSeconds "
              + timeout
              + " is too short for a check that asks Kafka and the database (>= 5 s)");
    }
    int period = ((Number) Y.at(c, "livenessProbe", "periodSeconds")).intValue();
    int failures = ((Number) Y.at(c, "livenessProbe", "failureThreshold")).intValue();
    assertTrue(
        period * failures <= 60,
        overlay
            + " post-service livenessProbe: "
            + failures
            + " x "
            + period
            + " s adds "
            + period * failures
            + " s on top of replica.watchdog.live-stall-seconds before a wedged pod restarts (<= 60 s)");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void libertyHasItsWritablePathsOnAReadOnlyRootFilesystem(String overlay, Service s) {
    Map<String, Object> d = deployment(Rendered.overlay(overlay), s);
    Map<String, Object> pod = Rendered.podSpec(d);
    Map<String, Object> c = Rendered.container(d, s.appName());
    for (String path : List.of("/opt/ol/wlp/output", "/logs", "/tmp")) {
      Map<String, Object> volume =
          Rendered.volumeMountedAt(pod, c, path, overlay + " " + s.appName());
      assertTrue(
          volume.containsKey("emptyDir"),
          overlay + " " + s.appName() + ": " + path + " must be a writable emptyDir");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void shutsDownGracefully(String overlay, Service s) {
    Map<String, Object> d = deployment(Rendered.overlay(overlay), s);
    Map<String, Object> c = Rendered.container(d, s.appName());
    Object grace = Rendered.podSpec(d).get("terminationGracePeriodSeconds");
    assertTrue(
        grace instanceof Number n && n.intValue() >= 30 && n.intValue() <= 120,
        overlay
            + " "
            + s.appName()
            + ": terminationGracePeriodSeconds should leave room for the preStop sleep and Liberty's quiesce, found "
            + grace);
    assertNotNull(
        Y.at(c, "lifecycle", "preStop"),
        overlay + " " + s.appName() + ": no preStop hook to let endpoints drain");
    assertEquals(
        0,
        ((Number) Y.at(d, "spec", "strategy", "rollingUpdate", "maxUnavailable")).intValue(),
        overlay + " " + s.appName() + ": rolling updates must not take capacity away first");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void logsAsJsonAndExportsTraces(String overlay, Service s) {
    Rendered r = Rendered.overlay(overlay);
    Map<String, Object> d = deployment(r, s);
    Map<String, Object> env = r.environment(d, Rendered.container(d, s.appName()));
    assertEquals("JSON", Rendered.literal(env, "LOG_FORMAT", s.appName()));
    assertEquals("false", Rendered.literal(env, "OTEL_SDK_DISABLED", s.appName()));
    assertEquals(s.appName(), Rendered.literal(env, "OTEL_SERVICE_NAME", s.appName()));
    String endpoint = Rendered.literal(env, "OTEL_EXPORTER_OTLP_ENDPOINT", s.appName());
    // the endpoint must be a Service this overlay deploys
    String host = endpoint.replaceFirst("^https?://", "").replaceFirst(":.*$", "");
    String[] parts = host.split("\\.");
    r.get("Service", parts[1], parts[0]);
    assertFalse(Rendered.literal(env, "OTEL_TRACES_SAMPLER", s.appName()).isBlank());
  }
}

package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kubernetes Services of the two services: named ports that Istio can classify, targeting the real
 * container port; user-service's gRPC API as its own port `grpc`; the post service dialling it.
 */
class ServicesTest {

  static Stream<Arguments> cases() {
    return Cases.overlayAndService().stream();
  }

  static Map<String, Object> port(Map<String, Object> service, String name) {
    return Y.maps(service, "spec", "ports").stream()
        .filter(p -> name.equals(Y.str(p, "name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(Y.id(service) + " has no port named " + name));
  }

  static String protocolOf(Map<String, Object> port) {
    String app = Y.str(port, "appProtocol");
    return app != null ? app : Y.str(port, "name").split("-")[0];
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void namedPortsTargetTheContainerPort(String overlay, Service s) {
    Rendered r = Rendered.overlay(overlay);
    Map<String, Object> svc = r.get("Service", "outboxref", s.appName());
    Map<String, Object> d = r.get("Deployment", "outboxref", s.appName());
    Map<String, Object> c = Rendered.container(d, s.appName());
    Rendered.assertLabelsSelect(
        Y.map(svc, "spec", "selector"),
        Y.map(d, "spec", "template", "metadata", "labels"),
        Y.id(svc));

    Set<String> expectedNames = s == Service.USER ? Set.of("http", "grpc") : Set.of("http");
    Set<String> names =
        Y.maps(svc, "spec", "ports").stream()
            .map(p -> Y.str(p, "name"))
            .collect(Collectors.toSet());
    assertEquals(expectedNames, names, overlay + ": ports of " + Y.id(svc));
    for (Map<String, Object> p : Y.maps(svc, "spec", "ports")) {
      Object target = p.containsKey("targetPort") ? p.get("targetPort") : p.get("port");
      assertEquals(
          s.httpPort(),
          Rendered.containerPort(c, target, Y.id(svc)),
          Y.id(svc) + " port " + Y.str(p, "name") + " must reach Liberty's HTTP endpoint");
    }
    if (s == Service.USER) {
      assertEquals(
          "grpc",
          protocolOf(port(svc, "grpc")),
          "Istio must see the grpc port as gRPC (appProtocol: grpc)");
      // One container port carries both APIs; Istio allows one protocol per target port, and
      // gRPC needs HTTP/2 to the app: the http port must be declared http2 (see the Service's
      // comment).
      assertEquals(
          "http2",
          protocolOf(port(svc, "http")),
          "user-service's http port shares the container port with gRPC: declare appProtocol http2");
    } else {
      assertTrue(
          List.of("http", "http2").contains(protocolOf(port(svc, "http"))),
          Y.id(svc) + ": http port protocol");
    }
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("dev.outboxref.deploy.OverlaysRenderTest#overlays")
  void postServiceDialsTheUserServiceGrpcPort(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    Map<String, Object> post = r.get("Deployment", "outboxref", Service.POST.appName());
    Map<String, Object> env = r.environment(post, Rendered.container(post, Service.POST.appName()));
    String target = Rendered.literal(env, "USER_SERVICE_GRPC_TARGET", Service.POST.appName());
    String host = target.substring(0, target.lastIndexOf(':'));
    int grpcPort =
        ((Number) port(r.get("Service", "outboxref", Service.USER.appName()), "grpc").get("port"))
            .intValue();
    assertTrue(
        host.equals(Service.USER.appName())
            || host.startsWith(Service.USER.appName() + ".outboxref"),
        "USER_SERVICE_GRPC_TARGET must name the user-service Service: " + target);
    assertEquals(
        grpcPort,
        Integer.parseInt(target.substring(target.lastIndexOf(':') + 1)),
        "USER_SERVICE_GRPC_TARGET must use the Service's grpc port");
  }
}

package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Istio: STRICT mTLS, deny by default, only post-service's identity may call user-service's gRPC
 * API, only the ingress gateway reaches the REST APIs, the gateway validates the user service's
 * access tokens and requires one for every write but registration and sign-in, and it routes
 * /api/users, /api/auth and /api/posts with timeouts and retries.
 */
class MeshPolicyTest {

  static final String APP_NS = "outboxref";
  static final String GATEWAY_PRINCIPAL = "cluster.local/ns/istio-ingress/sa/istio-ingressgateway";
  static final String JWKS_PATH = "/.well-known/jwks.json";

  static List<String> overlays() {
    return Repo.overlays();
  }

  static String principalOf(Rendered r, Service s) {
    Map<String, Object> d = r.get("Deployment", APP_NS, s.appName());
    String sa = Y.str(Rendered.podSpec(d), "serviceAccountName");
    return "cluster.local/ns/" + Y.namespace(d) + "/sa/" + sa;
  }

  /** The AuthorizationPolicies of the app namespace whose selector picks the service's pods. */
  static List<Map<String, Object>> policiesFor(Rendered r, Service s) {
    Map<String, Object> podLabels =
        Y.map(r.get("Deployment", APP_NS, s.appName()), "spec", "template", "metadata", "labels");
    return r.all("AuthorizationPolicy").stream()
        .filter(p -> APP_NS.equals(Y.namespace(p)))
        .filter(
            p -> {
              Map<String, Object> sel = Y.map(p, "spec", "selector", "matchLabels");
              return !sel.isEmpty()
                  && sel.entrySet().stream()
                      .allMatch(
                          e ->
                              String.valueOf(e.getValue())
                                  .equals(String.valueOf(podLabels.get(e.getKey()))));
            })
        .toList();
  }

  static boolean isRestPath(String path) {
    return path.startsWith("/api/")
        || path.equals("/api")
        || path.startsWith("/health")
        || path.startsWith("/openapi");
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void strictMutualTlsAndInjection(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    assertEquals(
        "enabled",
        Y.str(r.get("Namespace", null, APP_NS), "metadata", "labels", "istio-injection"),
        overlay + ": sidecar injection");
    List<Map<String, Object>> peers = r.all("PeerAuthentication");
    assertTrue(
        peers.stream()
            .anyMatch(
                p ->
                    APP_NS.equals(Y.namespace(p))
                        && Y.at(p, "spec", "selector") == null
                        && "STRICT".equals(Y.str(p, "spec", "mtls", "mode"))),
        overlay + ": no namespace-wide STRICT PeerAuthentication in " + APP_NS);
    for (Map<String, Object> p : peers) {
      String mode = Y.str(p, "spec", "mtls", "mode");
      assertTrue(
          mode == null || mode.equals("STRICT"),
          overlay + ": " + Y.id(p) + " weakens mTLS to " + mode);
      Y.map(p, "spec", "portLevelMtls")
          .forEach(
              (port, m) ->
                  assertEquals(
                      "STRICT", Y.str(m, "mode"), overlay + ": " + Y.id(p) + " port " + port));
    }
    assertTrue(
        r.all("AuthorizationPolicy").stream()
            .anyMatch(p -> APP_NS.equals(Y.namespace(p)) && Y.map(p, "spec").isEmpty()),
        overlay + ": no allow-nothing AuthorizationPolicy (spec: {}) in " + APP_NS);
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void onlyPostServiceMayCallUserServiceGrpc(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    String postPrincipal = principalOf(r, Service.POST);
    String userPort = String.valueOf(Service.USER.httpPort());
    List<Map<String, Object>> policies = policiesFor(r, Service.USER);
    assertFalse(policies.isEmpty(), overlay + ": no AuthorizationPolicy selects user-service");
    boolean grpcRuleFound = false;
    for (Map<String, Object> p : policies) {
      assertEquals(
          "ALLOW",
          Y.str(p, "spec", "action") == null ? "ALLOW" : Y.str(p, "spec", "action"),
          overlay + ": " + Y.id(p));
      for (Map<String, Object> rule : Y.maps(p, "spec", "rules")) {
        List<String> principals =
            Y.maps(rule, "from").stream()
                .flatMap(f -> Y.strings(f, "source", "principals").stream())
                .toList();
        assertFalse(
            principals.isEmpty(),
            overlay
                + ": "
                + Y.id(p)
                + " has a rule that does not name its callers' principals: "
                + rule);
        List<Map<String, Object>> ops = Y.maps(rule, "to");
        assertFalse(
            ops.isEmpty(),
            overlay + ": " + Y.id(p) + " has a rule open to every path and port: " + rule);
        for (Map<String, Object> to : ops) {
          List<String> paths = Y.strings(to, "operation", "paths");
          assertFalse(
              paths.isEmpty(),
              overlay + ": " + Y.id(p) + " has a rule open to every path: " + rule);
          if (paths.equals(List.of(JWKS_PATH))) {
            continue; // public keys, for the gateway and post-service: checked on their own below
          }
          boolean grpc = paths.stream().anyMatch(path -> !isRestPath(path));
          if (grpc) {
            grpcRuleFound = true;
            assertEquals(
                List.of(postPrincipal),
                principals,
                overlay + ": gRPC paths " + paths + " of user-service are open to " + principals);
            assertEquals(
                List.of(userPort),
                Y.strings(to, "operation", "ports"),
                overlay + ": the gRPC rule must name the workload port " + userPort);
            assertTrue(
                paths.stream()
                    .allMatch(
                        path -> path.startsWith("/") && !path.equals("/*") && !path.equals("*")),
                overlay + ": gRPC paths too broad: " + paths);
          } else {
            assertEquals(
                List.of(GATEWAY_PRINCIPAL),
                principals,
                overlay
                    + ": REST paths "
                    + paths
                    + " of user-service must be reachable through the ingress gateway only");
          }
        }
      }
    }
    assertTrue(
        grpcRuleFound,
        overlay
            + ": no AuthorizationPolicy rule admits "
            + postPrincipal
            + " to user-service's gRPC paths");
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void postServiceIsReachableThroughTheGatewayOnly(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    List<Map<String, Object>> policies = policiesFor(r, Service.POST);
    assertFalse(policies.isEmpty(), overlay + ": no AuthorizationPolicy selects post-service");
    for (Map<String, Object> p : policies) {
      for (Map<String, Object> rule : Y.maps(p, "spec", "rules")) {
        List<String> principals =
            Y.maps(rule, "from").stream()
                .flatMap(f -> Y.strings(f, "source", "principals").stream())
                .toList();
        assertEquals(List.of(GATEWAY_PRINCIPAL), principals, overlay + ": " + Y.id(p));
      }
    }
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void gatewayValidatesTheUserServicesTokensAndRequiresOneForEveryWrite(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    Map<String, Object> ra =
        r.all("RequestAuthentication").stream()
            .filter(
                x -> "ingressgateway".equals(Y.str(x, "spec", "selector", "matchLabels", "istio")))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        overlay + ": no RequestAuthentication on the ingress gateway"));
    List<Map<String, Object>> rules = Y.maps(ra, "spec", "jwtRules");
    assertEquals(1, rules.size(), overlay + ": one issuer, the user service");
    Map<String, Object> rule = rules.get(0);
    // the same issuer and audience the services validate (liberty-config's MicroProfile Config)
    assertEquals(servicesConfig("mp.jwt.verify.issuer"), Y.str(rule, "issuer"), overlay);
    assertEquals(
        List.of(servicesConfig("mp.jwt.verify.audiences")), Y.strings(rule, "audiences"), overlay);
    // the user service's JWKS, at its in-cluster address, which the post service uses too
    String jwks = Y.str(rule, "jwksUri");
    assertEquals(
        "http://user-service." + APP_NS + ".svc.cluster.local:9080" + JWKS_PATH, jwks, overlay);
    Map<String, Object> post = r.get("Deployment", APP_NS, Service.POST.appName());
    Map<String, Object> postEnv =
        r.environment(post, Rendered.container(post, Service.POST.appName()));
    assertEquals(
        jwks,
        Rendered.literal(postEnv, "MP_JWT_VERIFY_PUBLICKEY_LOCATION", overlay),
        overlay + ": post-service validates against the same JWKS");
    assertTrue(Boolean.TRUE.equals(Y.at(rule, "forwardOriginalToken")), overlay);

    List<Map<String, Object>> denials =
        r.all("AuthorizationPolicy").stream()
            .filter(
                p ->
                    Y.namespace(ra).equals(Y.namespace(p))
                        && "DENY".equals(Y.str(p, "spec", "action"))
                        && "ingressgateway"
                            .equals(Y.str(p, "spec", "selector", "matchLabels", "istio")))
            .flatMap(p -> Y.maps(p, "spec", "rules").stream())
            .filter(
                d ->
                    Y.maps(d, "from").stream()
                        .anyMatch(
                            f -> Y.strings(f, "source", "notRequestPrincipals").contains("*")))
            .flatMap(d -> Y.maps(d, "to").stream())
            .map(t -> Y.map(t, "operation"))
            .toList();
    assertEquals(1, denials.size(), overlay + ": one rule denies writes without a valid token");
    Map<String, Object> denied = denials.get(0);
    assertEquals(
        Set.of("POST", "PUT", "PATCH", "DELETE"),
        Set.copyOf(Y.strings(denied, "methods")),
        overlay + ": every write, and no read");
    assertEquals(List.of("/api/*"), Y.strings(denied, "paths"), overlay);
    assertEquals(
        Set.of(Service.USER.apiPath(), "/api/auth/token"),
        Set.copyOf(Y.strings(denied, "notPaths")),
        overlay + ": only registration and sign-in are open writes");
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void theJwksIsReachableForTheGatewayAndPostServiceOnlyAndFetchedByEnvoy(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    List<String> allowed =
        policiesFor(r, Service.USER).stream()
            .flatMap(p -> Y.maps(p, "spec", "rules").stream())
            .filter(
                rule ->
                    Y.maps(rule, "to").stream()
                        .anyMatch(t -> Y.strings(t, "operation", "paths").contains(JWKS_PATH)))
            .flatMap(rule -> Y.maps(rule, "from").stream())
            .flatMap(f -> Y.strings(f, "source", "principals").stream())
            .toList();
    assertEquals(
        Set.of(GATEWAY_PRINCIPAL, principalOf(r, Service.POST)), Set.copyOf(allowed), overlay);
    // istiod (no sidecar) cannot fetch from a STRICT mTLS workload: the gateway's Envoy must
    Map<String, Object> istiod =
        Y.parseAll(Repo.read(Repo.path("k8s/argocd/apps/istiod.yaml")), "istiod.yaml").get(0);
    assertEquals(
        "hybrid",
        Y.str(
            istiod,
            "spec",
            "source",
            "helm",
            "valuesObject",
            "pilot",
            "env",
            "PILOT_JWT_ENABLE_REMOTE_JWKS"));
  }

  /** A property of liberty-config's microprofile-config.properties (both services read it). */
  static String servicesConfig(String key) {
    Properties properties = new Properties();
    try (var in =
        new java.io.StringReader(
            Repo.read(
                Repo.path(
                    "liberty-config/src/main/resources/META-INF/microprofile-config.properties")))) {
      properties.load(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return properties.getProperty(key);
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void gatewayRoutesTheApis(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    Map<String, Object> gw =
        r.all("Gateway").stream()
            .filter(g -> "ingressgateway".equals(Y.str(g, "spec", "selector", "istio")))
            .findFirst()
            .orElseThrow(() -> new AssertionError(overlay + ": no Gateway on the ingress gateway"));
    String gwRef = Y.namespace(gw) + "/" + Y.name(gw);
    Map<String, Service> routes =
        Map.of(Service.USER.apiPath(), Service.USER, Service.POST.apiPath(), Service.POST);
    routes.forEach(
        (prefix, s) -> {
          int servicePort =
              ((Number)
                      ServicesTest.port(r.get("Service", APP_NS, s.appName()), "http").get("port"))
                  .intValue();
          boolean routed =
              r.all("VirtualService").stream()
                  .filter(
                      vs ->
                          Y.strings(vs, "spec", "gateways").stream()
                              .anyMatch(
                                  g ->
                                      g.equals(gwRef)
                                          || (g.equals(Y.name(gw))
                                              && Y.namespace(vs).equals(Y.namespace(gw)))))
                  .flatMap(vs -> Y.maps(vs, "spec", "http").stream())
                  .filter(
                      h ->
                          Y.maps(h, "match").stream()
                              .anyMatch(
                                  m ->
                                      prefix.equals(Y.str(m, "uri", "exact"))
                                          || (prefix + "/").equals(Y.str(m, "uri", "prefix"))))
                  .allMatch(
                      h -> {
                        Map<String, Object> dest = Y.map(h, "route", 0, "destination");
                        assertTrue(
                            Y.str(dest, "host").startsWith(s.appName()),
                            overlay + ": " + prefix + " routed to " + Y.str(dest, "host"));
                        assertEquals(
                            servicePort,
                            Y.at(dest, "port", "number"),
                            overlay + ": " + prefix + " routed to the wrong port");
                        assertNotNull(
                            h.get("timeout"), overlay + ": " + prefix + " route without timeout");
                        assertNotNull(
                            h.get("retries"),
                            overlay + ": " + prefix + " route without retry policy");
                        return true;
                      });
          long count =
              r.all("VirtualService").stream()
                  .flatMap(vs -> Y.maps(vs, "spec", "http").stream())
                  .filter(
                      h ->
                          Y.maps(h, "match").stream()
                              .anyMatch(
                                  m ->
                                      prefix.equals(Y.str(m, "uri", "exact"))
                                          || (prefix + "/").equals(Y.str(m, "uri", "prefix"))))
                  .count();
          assertTrue(routed && count > 0, overlay + ": no gateway route for " + prefix);
        });
  }
}

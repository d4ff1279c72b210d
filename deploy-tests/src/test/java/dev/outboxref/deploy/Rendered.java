package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The objects one kustomization renders to (`kubectl kustomize DIR`), with lookups. */
final class Rendered {

  static final Set<String> WORKLOAD_KINDS =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet", "Pod");

  private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

  final String dir;
  final List<Map<String, Object>> objects;

  private Rendered(String dir, List<Map<String, Object>> objects) {
    this.dir = dir;
    this.objects = objects;
  }

  /**
   * Renders a directory relative to the repository root (e.g. "k8s/overlays/gke"), once per JVM.
   */
  static Rendered of(String dir) {
    return CACHE.computeIfAbsent(
        dir,
        d -> {
          Tools.Result r =
              Tools.run(
                  Repo.root(),
                  Tools.Duration.ofSeconds(120),
                  Tools.kubectl().toString(),
                  "kustomize",
                  d);
          if (r.exitCode() != 0) {
            fail(
                "`kubectl kustomize " + d + "` failed (exit " + r.exitCode() + "):\n" + r.stderr());
          }
          List<Map<String, Object>> docs = Y.parseAll(r.stdout(), "kubectl kustomize " + d);
          assertFalse(docs.isEmpty(), "`kubectl kustomize " + d + "` rendered nothing");
          return new Rendered(d, List.copyOf(docs));
        });
  }

  static Rendered overlay(String name) {
    return of("k8s/overlays/" + name);
  }

  List<Map<String, Object>> all(String kind) {
    return objects.stream().filter(o -> kind.equals(Y.kind(o))).toList();
  }

  Optional<Map<String, Object>> find(String kind, String namespace, String name) {
    return objects.stream()
        .filter(
            o ->
                kind.equals(Y.kind(o))
                    && name.equals(Y.name(o))
                    && Objects.equals(namespace, Y.namespace(o)))
        .findFirst();
  }

  Map<String, Object> get(String kind, String namespace, String name) {
    return find(kind, namespace, name)
        .orElseGet(
            () ->
                fail(
                    dir
                        + " renders no "
                        + kind
                        + " "
                        + (namespace == null ? "" : namespace + "/")
                        + name));
  }

  List<Map<String, Object>> workloads() {
    return objects.stream().filter(o -> WORKLOAD_KINDS.contains(Y.kind(o))).toList();
  }

  /** The pod spec of a workload. */
  static Map<String, Object> podSpec(Map<String, Object> workload) {
    return switch (Y.kind(workload)) {
      case "Pod" -> Y.map(workload, "spec");
      case "CronJob" -> Y.map(workload, "spec", "jobTemplate", "spec", "template", "spec");
      default -> Y.map(workload, "spec", "template", "spec");
    };
  }

  static List<Map<String, Object>> allContainers(Map<String, Object> podSpec) {
    List<Map<String, Object>> all = new ArrayList<>(Y.maps(podSpec, "initContainers"));
    all.addAll(Y.maps(podSpec, "containers"));
    return all;
  }

  static Map<String, Object> container(Map<String, Object> deployment, String name) {
    return Y.maps(podSpec(deployment), "containers").stream()
        .filter(c -> name.equals(Y.str(c, "name")))
        .findFirst()
        .orElseGet(() -> fail(Y.id(deployment) + " has no container named " + name));
  }

  /**
   * The container's environment as Kubernetes builds it: envFrom ConfigMaps (resolved in this
   * rendering), then env entries. Values are Strings, or the {@code valueFrom} map for references.
   */
  Map<String, Object> environment(Map<String, Object> workload, Map<String, Object> container) {
    Map<String, Object> env = new LinkedHashMap<>();
    String ns = Y.namespace(workload);
    for (Map<String, Object> from : Y.maps(container, "envFrom")) {
      String cm = Y.str(from, "configMapRef", "name");
      if (cm != null) {
        Map<String, Object> configMap = get("ConfigMap", ns, cm);
        Y.map(configMap, "data").forEach((k, v) -> env.put(k, String.valueOf(v)));
      }
      if (Y.at(from, "secretRef") != null) {
        fail(
            Y.id(workload)
                + ": envFrom a Secret hides which keys become variables; reference keys one by one");
      }
    }
    for (Map<String, Object> e : Y.maps(container, "env")) {
      String key = Y.str(e, "name");
      if (e.containsKey("valueFrom")) {
        env.put(key, Y.map(e, "valueFrom"));
      } else {
        env.put(key, Y.str(e, "value") == null ? "" : Y.str(e, "value"));
      }
    }
    return env;
  }

  /** The literal value of a variable, failing if it is missing or a reference. */
  static String literal(Map<String, Object> env, String key, String where) {
    Object v = env.get(key);
    if (!(v instanceof String s)) {
      return fail(
          where
              + ": environment variable "
              + key
              + (v == null ? " is not set" : " is not a literal value: " + v));
    }
    return s;
  }

  /** For a variable taken from a Secret key: [secret name, key]. */
  static List<String> secretRef(Map<String, Object> env, String key, String where) {
    Object v = env.get(key);
    String secret = Y.str(v, "secretKeyRef", "name");
    String secretKey = Y.str(v, "secretKeyRef", "key");
    if (secret == null || secretKey == null) {
      return fail(
          where
              + ": environment variable "
              + key
              + " must come from a Secret (secretKeyRef), found: "
              + v);
    }
    return List.of(secret, secretKey);
  }

  /** Resolves a named or numeric container port of a container to its number. */
  static int containerPort(Map<String, Object> container, Object port, String where) {
    if (port instanceof Integer i) {
      return i;
    }
    String name = String.valueOf(port);
    if (name.matches("\\d+")) {
      return Integer.parseInt(name);
    }
    return Y.maps(container, "ports").stream()
        .filter(p -> name.equals(Y.str(p, "name")))
        .map(p -> ((Number) p.get("containerPort")).intValue())
        .findFirst()
        .orElseGet(
            () ->
                fail(
                    where
                        + ": container "
                        + Y.str(container, "name")
                        + " has no port named "
                        + name));
  }

  /** The volume mounted at a path in a container: [volume map], failing if there is none. */
  static Map<String, Object> volumeMountedAt(
      Map<String, Object> podSpec, Map<String, Object> container, String mountPath, String where) {
    String volumeName =
        Y.maps(container, "volumeMounts").stream()
            .filter(m -> mountPath.equals(Y.str(m, "mountPath")))
            .map(m -> Y.str(m, "name"))
            .findFirst()
            .orElseGet(() -> fail(where + ": nothing is mounted at " + mountPath));
    return Y.maps(podSpec, "volumes").stream()
        .filter(v -> volumeName.equals(Y.str(v, "name")))
        .findFirst()
        .orElseGet(() -> fail(where + ": volume " + volumeName + " is mounted but not defined"));
  }

  static void assertLabelsSelect(
      Map<String, Object> selectorLabels, Map<String, Object> podLabels, String where) {
    assertFalse(selectorLabels.isEmpty(), where + ": empty selector");
    selectorLabels.forEach(
        (k, v) ->
            assertEquals(
                String.valueOf(v),
                String.valueOf(podLabels.get(k)),
                where
                    + ": selector "
                    + k
                    + "="
                    + v
                    + " does not match the pod labels "
                    + podLabels));
  }
}

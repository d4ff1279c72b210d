package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The ArgoCD applications: operators (and their CRDs) sync in earlier waves than the services,
 * every custom resource of the services has its CRD from an earlier wave, charts are pinned, Git
 * paths exist, every Application belongs to a declared AppProject that allows its source, and the
 * Strimzi operator version serves the API version of the Kafka resources, which is not a deprecated
 * one.
 */
class ArgoCdTest {

  static final Set<String> OPERATOR_CHARTS =
      Set.of(
          "base",
          "cni",
          "istiod",
          "gateway",
          "strimzi-kafka-operator",
          "cloudnative-pg",
          "prometheus-operator-crds");

  /** The API groups whose CRDs a chart installs (Istio's are in its base chart). */
  static final Map<String, Set<String>> CRD_GROUPS =
      Map.of(
          "base",
          Set.of(
              "networking.istio.io",
              "security.istio.io",
              "telemetry.istio.io",
              "extensions.istio.io"),
          "strimzi-kafka-operator",
          Set.of("kafka.strimzi.io", "core.strimzi.io"),
          "cloudnative-pg",
          Set.of("postgresql.cnpg.io"),
          "prometheus-operator-crds",
          Set.of("monitoring.coreos.com"));

  static List<Map<String, Object>> objects() {
    List<Map<String, Object>> all = new ArrayList<>(Rendered.of("k8s/argocd").objects);
    all.addAll(Rendered.of("k8s/argocd/apps").objects);
    return all;
  }

  static List<Map<String, Object>> applications() {
    return objects().stream().filter(o -> "Application".equals(Y.kind(o))).toList();
  }

  static int wave(Map<String, Object> app) {
    String w = Y.str(app, "metadata", "annotations", "argocd.argoproj.io/sync-wave");
    return w == null ? 0 : Integer.parseInt(w.trim());
  }

  @Test
  void operatorsSyncBeforeTheServices() {
    List<Map<String, Object>> children = Rendered.of("k8s/argocd/apps").objects;
    List<Map<String, Object>> operators =
        children.stream()
            .filter(
                a -> OPERATOR_CHARTS.contains(String.valueOf(Y.str(a, "spec", "source", "chart"))))
            .toList();
    List<Map<String, Object>> services =
        children.stream()
            .filter(
                a -> String.valueOf(Y.str(a, "spec", "source", "path")).startsWith("k8s/overlays/"))
            .toList();
    assertEquals(
        OPERATOR_CHARTS.size(),
        operators.size(),
        "expected one Application per operator chart " + OPERATOR_CHARTS);
    assertFalse(services.isEmpty(), "no Application deploys a k8s/overlays/* directory");
    for (Map<String, Object> a : children) {
      assertNotNull(
          Y.str(a, "metadata", "annotations", "argocd.argoproj.io/sync-wave"),
          Y.name(a) + " has no sync-wave annotation");
    }
    int lastOperatorWave = operators.stream().mapToInt(ArgoCdTest::wave).max().orElseThrow();
    for (Map<String, Object> s : services) {
      assertTrue(
          wave(s) > lastOperatorWave,
          Y.name(s)
              + " (wave "
              + wave(s)
              + ") must sync after every operator (last wave "
              + lastOperatorWave
              + ")");
    }
    // CRDs before the control plane that validates them
    int istioBase =
        operators.stream()
            .filter(a -> "base".equals(Y.str(a, "spec", "source", "chart")))
            .mapToInt(ArgoCdTest::wave)
            .findFirst()
            .orElseThrow();
    int istiod =
        operators.stream()
            .filter(a -> "istiod".equals(Y.str(a, "spec", "source", "chart")))
            .mapToInt(ArgoCdTest::wave)
            .findFirst()
            .orElseThrow();
    assertTrue(istioBase < istiod, "istio-base (CRDs) must sync before istiod");
  }

  /**
   * A sync applies an object only if the API server knows its kind: each custom resource of an
   * Application's Git path needs an Application of an earlier wave that installs its CRD.
   */
  @Test
  void everyCustomResourceHasItsCrdFromAnEarlierWave() {
    List<Map<String, Object>> children = Rendered.of("k8s/argocd/apps").objects;
    for (Map<String, Object> app : children) {
      String path = Y.str(app, "spec", "source", "path");
      if (path == null) {
        continue; // a chart: its own CRDs come with it
      }
      Set<String> installedBefore = new TreeSet<>();
      children.stream()
          .filter(a -> wave(a) < wave(app))
          .map(a -> CRD_GROUPS.getOrDefault(Y.str(a, "spec", "source", "chart"), Set.of()))
          .forEach(installedBefore::addAll);
      for (Map<String, Object> o : Rendered.of(path).objects) {
        String group = group(o);
        assertTrue(
            builtIn(group) || installedBefore.contains(group),
            Y.name(app)
                + " (wave "
                + wave(app)
                + "): "
                + Y.id(o)
                + " is of API group "
                + group
                + ", whose CRD no Application of an earlier wave installs (they install "
                + installedBefore
                + ")");
      }
    }
  }

  /** The group of an apiVersion: "" for the core group (v1). */
  static String group(Map<String, Object> o) {
    String apiVersion = Y.str(o, "apiVersion");
    return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
  }

  /** Kubernetes' own groups: core, apps, batch, policy, autoscaling and the *.k8s.io ones. */
  static boolean builtIn(String group) {
    return !group.contains(".") || group.endsWith(".k8s.io");
  }

  @Test
  void sourcesArePinnedAndExist() {
    for (Map<String, Object> a : applications()) {
      String chart = Y.str(a, "spec", "source", "chart");
      String revision = Y.str(a, "spec", "source", "targetRevision");
      if (chart != null) {
        assertTrue(
            revision != null && revision.matches("\\d+\\.\\d+\\.\\d+"),
            Y.name(a) + ": chart " + chart + " must be pinned to a version, found " + revision);
      } else {
        String path = Y.str(a, "spec", "source", "path");
        assertNotNull(path, Y.name(a) + ": a Git source needs a path");
        assertTrue(
            Files.isRegularFile(Repo.path(path).resolve("kustomization.yaml")),
            Y.name(a) + ": path " + path + " is not a kustomization in this repository");
      }
    }
  }

  @Test
  void applicationsBelongToProjectsThatAllowTheirSource() {
    List<Map<String, Object>> projects =
        objects().stream().filter(o -> "AppProject".equals(Y.kind(o))).toList();
    for (Map<String, Object> a : applications()) {
      String projectName = Y.str(a, "spec", "project");
      Map<String, Object> project =
          projects.stream()
              .filter(p -> projectName.equals(Y.name(p)))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(Y.name(a) + " uses undeclared AppProject " + projectName));
      assertTrue(
          Y.strings(project, "spec", "sourceRepos").contains(Y.str(a, "spec", "source", "repoURL")),
          Y.name(a)
              + ": repoURL "
              + Y.str(a, "spec", "source", "repoURL")
              + " is not in AppProject "
              + projectName
              + "'s sourceRepos");
      String ns = Y.str(a, "spec", "destination", "namespace");
      assertTrue(
          Y.maps(project, "spec", "destinations").stream()
              .anyMatch(d -> ns.equals(Y.str(d, "namespace")) || "*".equals(Y.str(d, "namespace"))),
          Y.name(a)
              + ": destination namespace "
              + ns
              + " not allowed by AppProject "
              + projectName);
    }
  }

  /**
   * Strimzi serves kafka.strimzi.io/v1beta2 up to 0.51 and v1 from 0.49 on, where v1beta2 is
   * deprecated: the resources use a version the pinned operator serves, and v1 once it can.
   */
  @Test
  void strimziOperatorServesTheKafkaApiVersionInUse() {
    String revision =
        applications().stream()
            .filter(a -> "strimzi-kafka-operator".equals(Y.str(a, "spec", "source", "chart")))
            .map(a -> Y.str(a, "spec", "source", "targetRevision"))
            .findFirst()
            .orElseThrow();
    String[] v = revision.split("\\.");
    int major = Integer.parseInt(v[0]);
    int minor = Integer.parseInt(v[1]);
    boolean servesV1beta2 = major == 0 && minor <= 51;
    boolean servesV1 = major >= 1 || minor >= 49;
    for (String overlay : Repo.overlays()) {
      for (Map<String, Object> o : Rendered.overlay(overlay).objects) {
        String apiVersion = Y.str(o, "apiVersion");
        if (!"kafka.strimzi.io".equals(group(o))) {
          continue;
        }
        String where = overlay + ": " + Y.id(o) + " uses " + apiVersion;
        switch (apiVersion) {
          case "kafka.strimzi.io/v1" ->
              assertTrue(servesV1, where + ", which Strimzi " + revision + " does not serve yet");
          case "kafka.strimzi.io/v1beta2" -> {
            assertTrue(
                servesV1beta2,
                where + ", which Strimzi " + revision + " no longer serves (convert to v1)");
            assertFalse(
                servesV1,
                where + ", deprecated in Strimzi " + revision + ": use kafka.strimzi.io/v1");
          }
          default -> fail(where + ", which no Strimzi release this project pins serves");
        }
      }
    }
  }
}

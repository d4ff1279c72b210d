package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every overlay (and the ArgoCD bootstrap) renders with `kubectl kustomize`, into well-formed
 * objects.
 */
class OverlaysRenderTest {

  static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "Namespace",
          "ClusterRole",
          "ClusterRoleBinding",
          "CustomResourceDefinition",
          "StorageClass",
          "PriorityClass",
          "ValidatingWebhookConfiguration",
          "MutatingWebhookConfiguration",
          "PersistentVolume");

  static List<String> overlays() {
    return Repo.overlays();
  }

  @Test
  void theDevAndGkeOverlaysExist() {
    assertTrue(
        overlays().containsAll(List.of("dev", "gke")),
        "k8s/overlays must contain dev and gke, found " + overlays());
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void rendersWithNamespacesAndNoDuplicates(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    Set<String> seen = new HashSet<>();
    for (Map<String, Object> o : r.objects) {
      assertNotNull(Y.str(o, "apiVersion"), overlay + ": object without apiVersion: " + o);
      assertNotNull(Y.kind(o), overlay + ": object without kind: " + o);
      assertNotNull(Y.name(o), overlay + ": object without name: " + Y.kind(o));
      if (!CLUSTER_SCOPED.contains(Y.kind(o))) {
        // overlays do not use the namespace transformer: every object says where it goes
        assertNotNull(Y.namespace(o), overlay + ": " + Y.id(o) + " has no metadata.namespace");
      }
      assertTrue(seen.add(Y.id(o)), overlay + ": " + Y.id(o) + " is rendered twice");
    }
    for (String ns : List.of("outboxref", "observability")) {
      assertEquals("Namespace", Y.kind(r.get("Namespace", null, ns)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"k8s/argocd", "k8s/argocd/apps"})
  void argoCdBootstrapRenders(String dir) {
    Rendered r = Rendered.of(dir);
    assertTrue(
        r.objects.stream().allMatch(o -> Y.str(o, "apiVersion").startsWith("argoproj.io/")),
        dir + " should contain ArgoCD objects only");
  }
}

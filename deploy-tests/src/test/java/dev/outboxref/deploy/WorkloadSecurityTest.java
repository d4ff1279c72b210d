package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every workload the repository deploys (not just the two services) runs hardened: its own service
 * account, requests and limits, non-root, read-only root filesystem, no privilege escalation, no
 * capabilities, RuntimeDefault seccomp. These are the "restricted" Pod Security Standard that the
 * namespaces enforce, plus resource bounds.
 */
class WorkloadSecurityTest {

  static List<String> overlays() {
    return Repo.overlays();
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void workloadsUseTheirOwnServiceAccount(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    assertFalse(r.workloads().isEmpty(), overlay + " renders no workloads");
    for (Map<String, Object> w : r.workloads()) {
      Map<String, Object> pod = Rendered.podSpec(w);
      String sa = Y.str(pod, "serviceAccountName");
      assertNotNull(sa, Y.id(w) + ": no serviceAccountName (would run as 'default')");
      assertNotEquals("default", sa, Y.id(w) + ": runs as the namespace's default service account");
      r.get("ServiceAccount", Y.namespace(w), sa);
    }
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void containersHaveRequestsAndLimits(String overlay) {
    for (Map<String, Object> w : Rendered.overlay(overlay).workloads()) {
      for (Map<String, Object> c : Rendered.allContainers(Rendered.podSpec(w))) {
        String where = overlay + ": " + Y.id(w) + " container " + Y.str(c, "name");
        for (String kind : List.of("requests", "limits")) {
          for (String resource : List.of("cpu", "memory")) {
            assertNotNull(
                Y.at(c, "resources", kind, resource),
                where + ": no resources." + kind + "." + resource);
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void containersAreHardened(String overlay) {
    for (Map<String, Object> w : Rendered.overlay(overlay).workloads()) {
      Map<String, Object> pod = Rendered.podSpec(w);
      for (Map<String, Object> c : Rendered.allContainers(pod)) {
        String where = overlay + ": " + Y.id(w) + " container " + Y.str(c, "name");
        Object runAsNonRoot =
            Objects.requireNonNullElse(
                Y.at(c, "securityContext", "runAsNonRoot"),
                Y.at(pod, "securityContext", "runAsNonRoot"));
        assertEquals(Boolean.TRUE, runAsNonRoot, where + ": runAsNonRoot must be true");
        assertNotEquals(0, Y.at(c, "securityContext", "runAsUser"), where + ": runs as uid 0");
        assertNotEquals(
            0, Y.at(pod, "securityContext", "runAsUser"), where + ": pod runs as uid 0");
        assertEquals(
            Boolean.TRUE,
            Y.at(c, "securityContext", "readOnlyRootFilesystem"),
            where + ": readOnlyRootFilesystem must be true");
        assertEquals(
            Boolean.FALSE,
            Y.at(c, "securityContext", "allowPrivilegeEscalation"),
            where + ": allowPrivilegeEscalation must be false");
        assertNotEquals(
            Boolean.TRUE, Y.at(c, "securityContext", "privileged"), where + ": privileged");
        assertTrue(
            Y.strings(c, "securityContext", "capabilities", "drop").contains("ALL"),
            where + ": capabilities.drop must contain ALL");
        assertTrue(
            Y.list(c, "securityContext", "capabilities", "add").isEmpty(),
            where + ": adds capabilities");
        Object seccomp =
            Objects.requireNonNullElse(
                Y.at(c, "securityContext", "seccompProfile", "type"),
                Objects.requireNonNullElse(
                    Y.at(pod, "securityContext", "seccompProfile", "type"), "unset"));
        assertEquals("RuntimeDefault", seccomp, where + ": seccompProfile must be RuntimeDefault");
      }
      assertNotEquals(Boolean.TRUE, pod.get("hostNetwork"), Y.id(w) + ": hostNetwork");
      assertNotEquals(Boolean.TRUE, pod.get("hostPID"), Y.id(w) + ": hostPID");
    }
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void applicationNamespacesEnforceTheRestrictedStandard(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    for (Map<String, Object> ns : r.all("Namespace")) {
      assertEquals(
          "restricted",
          Y.str(ns, "metadata", "labels", "pod-security.kubernetes.io/enforce"),
          overlay
              + ": namespace "
              + Y.name(ns)
              + " must enforce the restricted Pod Security Standard");
    }
  }
}

package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.outboxref.descriptor.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The token signing key is readable by the user service's server and nobody else in the pod: its
 * files are not world-readable and not writable. Kubernetes writes a secret volume's files owned by
 * root, with the pod's fsGroup as their group, so a server running as a non-root user reads them
 * through the group bit (0440) and the pod's fsGroup (docs/security.md).
 */
class SigningKeyMountTest {

  static List<String> overlays() {
    return Repo.overlays();
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void signingKeyIsReadableOnlyThroughThePodsGroup(String overlay) {
    Map<String, Object> d =
        Rendered.overlay(overlay).get("Deployment", "outboxref", Service.USER.appName());
    Map<String, Object> pod = Rendered.podSpec(d);
    Map<String, Object> volume =
        Y.maps(pod, "volumes").stream()
            .filter(v -> "token-signing-key".equals(Y.str(v, "name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError(overlay + ": no token-signing-key volume"));
    Object mode = Y.at(volume, "secret", "defaultMode");
    assertNotNull(mode, overlay + ": the signing key has the default mode 0644");
    assertEquals(
        "440",
        Integer.toOctalString(((Number) mode).intValue()),
        overlay + ": the signing key's files must be 0440 (owner root, group the pod's fsGroup)");
    assertNotNull(
        Y.at(pod, "securityContext", "fsGroup"),
        overlay + ": without an fsGroup a non-root server cannot read a 0440 key");
  }
}

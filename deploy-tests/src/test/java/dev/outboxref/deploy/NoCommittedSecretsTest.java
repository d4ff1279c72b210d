package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No credential is committed: database credentials come from CloudNativePG, Kafka credentials from
 * the Strimzi User Operator, TLS certificates from outside the repository.
 */
class NoCommittedSecretsTest {

  static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");

  @Test
  void noSecretManifestsWithDataInTheRepository() {
    List<String> offenders = new ArrayList<>();
    for (Path file : Repo.files(Repo.path("k8s"), ".yaml", ".yml")) {
      for (Map<String, Object> doc : Y.parseAll(Repo.read(file), file.toString())) {
        if ("Secret".equals(Y.kind(doc))
            && (doc.containsKey("data") || doc.containsKey("stringData"))) {
          offenders.add(Repo.root().relativize(file) + ": Secret " + Y.name(doc));
        }
        if (doc.containsKey("secretGenerator")) {
          offenders.add(Repo.root().relativize(file) + ": secretGenerator");
        }
      }
    }
    assertTrue(
        offenders.isEmpty(),
        "secrets must be generated in the cluster, not committed: " + offenders);
  }

  @Test
  void noPrivateKeysInDeploymentFiles() {
    List<String> offenders = new ArrayList<>();
    for (String dir : List.of("k8s", "terraform", ".github")) {
      for (Path file : Repo.files(Repo.path(dir), "")) {
        if (PRIVATE_KEY.matcher(Repo.read(file)).find()) {
          offenders.add(Repo.root().relativize(file).toString());
        }
      }
    }
    assertTrue(offenders.isEmpty(), "private keys committed: " + offenders);
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("dev.outboxref.deploy.OverlaysRenderTest#overlays")
  void overlaysRenderNoSecrets(String overlay) {
    assertFalse(
        Rendered.overlay(overlay).objects.stream().anyMatch(o -> "Secret".equals(Y.kind(o))),
        overlay
            + " renders a Secret: credentials must come from the operators (CloudNativePG <cluster>-app, Strimzi KafkaUser secrets)");
  }
}

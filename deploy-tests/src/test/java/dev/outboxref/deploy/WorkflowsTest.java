package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The GitHub workflows: actions pinned by version, keyless GCP auth, the promised steps present.
 */
class WorkflowsTest {

  static final Pattern PINNED =
      Pattern.compile("^[\\w.-]+/[\\w.-]+(/[\\w./-]+)?@(v\\d+(\\.\\d+){0,2}|[0-9a-f]{40})$");

  static Map<String, Object> workflow(String file) {
    Path p = Repo.path(".github/workflows/" + file);
    assertTrue(Files.isRegularFile(p), p + " is missing");
    return Y.parseAll(Repo.read(p), p.toString()).get(0);
  }

  /** YAML 1.1 reads the key `on` as boolean true. */
  static Object triggers(Map<String, Object> wf) {
    return wf.containsKey("on") ? wf.get("on") : wf.get(Boolean.TRUE);
  }

  static List<Map<String, Object>> steps(Map<String, Object> wf) {
    List<Map<String, Object>> steps = new ArrayList<>();
    Y.map(wf, "jobs").values().forEach(job -> steps.addAll(Y.maps(job, "steps")));
    return steps;
  }

  static String runs(Map<String, Object> wf) {
    return String.join(
        "\n", steps(wf).stream().map(s -> String.valueOf(s.getOrDefault("run", ""))).toList());
  }

  @Test
  void actionsArePinnedToVersions() {
    for (Path file : Repo.files(Repo.path(".github/workflows"), ".yml", ".yaml")) {
      Map<String, Object> wf = Y.parseAll(Repo.read(file), file.toString()).get(0);
      for (Map<String, Object> step : steps(wf)) {
        Object uses = step.get("uses");
        if (uses != null && !String.valueOf(uses).startsWith("./")) {
          assertTrue(
              PINNED.matcher(String.valueOf(uses)).matches(),
              file.getFileName() + ": " + uses + " is not pinned to a version tag or commit SHA");
        }
      }
      assertFalse(
          Repo.read(file).contains("credentials_json"),
          file.getFileName() + ": no JSON keys; authenticate with Workload Identity Federation");
    }
  }

  @Test
  void testWorkflowRunsTheCiScript() {
    Map<String, Object> wf = workflow("test.yml");
    assertTrue(runs(wf).contains("bash .ci/run"), "test.yml must run `bash .ci/run`");
    assertEquals(
        Boolean.TRUE,
        Y.at(wf, "concurrency", "cancel-in-progress"),
        "test.yml: superseded runs must be cancelled");
    assertFalse(
        Y.list(triggers(wf), "push", "paths").isEmpty(), "test.yml: push needs paths filters");
    assertFalse(
        Y.list(triggers(wf), "pull_request", "paths").isEmpty(),
        "test.yml: pull_request needs paths filters");
    assertTrue(
        steps(wf).stream()
            .anyMatch(
                s ->
                    "17".equals(Y.str(s, "with", "java-version"))
                        && "temurin".equals(Y.str(s, "with", "distribution"))),
        "test.yml: Temurin 17");
    assertTrue(
        steps(wf).stream().anyMatch(s -> String.valueOf(Y.str(s, "with", "path")).contains(".m2")),
        "test.yml: cache ~/.m2");
  }

  @Test
  void imagesWorkflowPushesShaTaggedImagesWithFederatedIdentity() {
    Map<String, Object> wf = workflow("images.yml");
    assertEquals(
        "write",
        Y.str(wf, "permissions", "id-token"),
        "images.yml needs id-token: write for Workload Identity Federation");
    assertTrue(
        steps(wf).stream()
            .anyMatch(
                s ->
                    String.valueOf(s.get("uses")).startsWith("google-github-actions/auth@")
                        && Y.str(s, "with", "workload_identity_provider") != null),
        "images.yml must authenticate with google-github-actions/auth + workload_identity_provider");
    for (Service s : Service.values()) {
      assertTrue(
          steps(wf).stream()
              .anyMatch(
                  st ->
                      (s.module() + "/Dockerfile").equals(Y.str(st, "with", "file"))
                          && String.valueOf(Y.str(st, "with", "tags"))
                              .endsWith("/" + s.appName() + ":${{ github.sha }}")),
          "images.yml must build "
              + s.module()
              + "/Dockerfile as "
              + s.appName()
              + ":<commit sha>");
    }
  }

  @Test
  void promoteAndValidateWorkflowsDoTheirJob() {
    String promote = runs(workflow("promote.yml"));
    assertTrue(
        promote.contains("kustomize edit set image"),
        "promote.yml must use `kustomize edit set image`");
    assertTrue(
        Repo.read(Repo.path(".github/workflows/promote.yml")).contains("k8s/overlays/gke"),
        "promote.yml must update k8s/overlays/gke");
    String validate = runs(workflow("validate.yml"));
    assertTrue(validate.contains("kubectl kustomize"), "validate.yml must render the overlays");
    assertTrue(
        validate.contains("terraform fmt -check -recursive"),
        "validate.yml must check terraform formatting");
  }
}

package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.prometheus.PromQl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The alerts in k8s/components/observability/prometheus-rules.yaml are tested, not only valid YAML:
 * their rule groups are written to a Prometheus rules file, checked with {@code promtool check
 * rules} and run against the unit tests in src/test/resources/alerts with {@code promtool test
 * rules} (each alert has a series that fires it and one that must not). Their queries use only
 * metrics the services expose, and each alert names its entry in docs/operations.md.
 */
class AlertRulesTest {

  static final String RULES = "k8s/components/observability/prometheus-rules.yaml";

  @Test
  void promtoolChecksTheRulesAndTheirUnitTestsPass() throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "alerts"));
    Files.writeString(dir.resolve("rules.yaml"), new Yaml().dump(Map.of("groups", groups())));
    List<String> testFiles = new ArrayList<>();
    for (Path test : Repo.files(Repo.path("deploy-tests/src/test/resources/alerts"), ".yaml")) {
      Files.copy(
          test, dir.resolve(test.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      testFiles.add(test.getFileName().toString());
    }
    assertFalse(testFiles.isEmpty(), "no promtool tests in src/test/resources/alerts");

    Tools.Result check =
        Tools.run(
            dir,
            Tools.Duration.ofSeconds(60),
            Tools.promtool().toString(),
            "check",
            "rules",
            "rules.yaml");
    assertEquals(0, check.exitCode(), check.stdout() + check.stderr());

    List<String> command = new ArrayList<>(List.of(Tools.promtool().toString(), "test", "rules"));
    command.addAll(testFiles);
    Tools.Result tests =
        Tools.run(dir, Tools.Duration.ofSeconds(120), command.toArray(String[]::new));
    assertEquals(0, tests.exitCode(), tests.stdout() + tests.stderr());
  }

  @Test
  void everyAlertIsTestedFiringAndNotFiring() {
    String tests = String.join("\n", testTexts());
    for (Map<String, Object> rule : rules()) {
      Object alert = rule.get("alert");
      if (alert == null) {
        continue;
      }
      String name = "alertname: " + alert;
      int at = tests.indexOf(name);
      assertTrue(at >= 0, alert + " has no promtool test");
      boolean firing = false;
      boolean silent = false;
      for (int i = at; i >= 0; i = tests.indexOf(name, i + 1)) {
        String rest = tests.substring(i + name.length()).stripLeading();
        if (rest.startsWith("exp_alerts: []")) {
          silent = true;
        } else {
          firing = true;
        }
      }
      assertTrue(firing, alert + " has no test in which it fires");
      assertTrue(silent, alert + " has no test in which it must not fire");
    }
  }

  @Test
  void queriesUseOnlyMetricsTheServicesExpose() {
    for (Map<String, Object> rule : rules()) {
      Set<String> unknown = new TreeSet<>();
      for (PromQl.Selector s : PromQl.parse(Y.str(rule, "expr")).selectors()) {
        if (!s.metric().startsWith("outboxref:")
            && !DashboardMetricsTest.KNOWN_METRICS.containsKey(s.metric())) {
          unknown.add(s.metric());
        }
      }
      assertTrue(unknown.isEmpty(), rule + ": unknown metric(s) " + unknown);
    }
  }

  @Test
  void everyAlertHasARunbookEntry() {
    String operations = Repo.read(Repo.path("docs/operations.md")).toLowerCase();
    for (Map<String, Object> rule : rules()) {
      if (rule.get("alert") == null) {
        continue;
      }
      String runbook = Y.str(rule, "annotations", "runbook");
      assertTrue(runbook.startsWith("docs/operations.md#"), rule.get("alert") + ": " + runbook);
      String anchor = runbook.substring(runbook.indexOf('#') + 1);
      assertTrue(
          operations.contains("<a id=\"" + anchor + "\">") || operations.contains("### " + anchor),
          rule.get("alert") + ": docs/operations.md has no entry #" + anchor);
    }
  }

  private static List<Object> groups() {
    Map<String, Object> rule = Y.parseAll(Repo.read(Repo.path(RULES)), RULES).get(0);
    return Y.list(rule, "spec", "groups");
  }

  private static List<Map<String, Object>> rules() {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Object group : groups()) {
      rules.addAll(Y.maps(group, "rules"));
    }
    return rules;
  }

  private static List<String> testTexts() {
    List<String> texts = new ArrayList<>();
    for (Path test : Repo.files(Repo.path("deploy-tests/src/test/resources/alerts"), ".yaml")) {
      texts.add(Repo.read(test));
    }
    return texts;
  }
}

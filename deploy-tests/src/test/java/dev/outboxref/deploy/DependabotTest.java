package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * .github/dependabot.yml covers every ecosystem the repository has (Maven, GitHub Actions, npm),
 * and every Maven groupId the poms name is in a group (one pull request per family) or ignored with
 * a reason (the pins that follow Open Liberty; docs/dependencies.md).
 */
class DependabotTest {

  private static final Pattern GROUP_ID = Pattern.compile("<groupId>([^<$]+)</groupId>");

  private final Map<String, Object> config =
      Y.parseAll(Repo.read(Repo.path(".github/dependabot.yml")), ".github/dependabot.yml").get(0);

  @Test
  void everyEcosystemIsCovered() {
    assertEquals(2, ((Number) config.get("version")).intValue(), "dependabot.yml version");
    assertEquals("/", update("maven").get("directory"), "maven: the root pom and its modules");
    assertEquals("/", update("github-actions").get("directory"), "github-actions");
    List<String> npmDirs = new ArrayList<>();
    for (Path packageJson : Repo.files(Repo.root(), "package.json")) {
      String rel = Repo.root().relativize(packageJson.getParent()).toString();
      if (!rel.contains("node_modules") && !rel.contains("target")) {
        npmDirs.add("/" + rel);
      }
    }
    assertFalse(npmDirs.isEmpty(), "the contract guard's package.json was expected");
    for (String dir : npmDirs) {
      assertTrue(
          updates().stream()
              .anyMatch(
                  u -> "npm".equals(u.get("package-ecosystem")) && dir.equals(u.get("directory"))),
          "no npm update for " + dir);
    }
    for (Map<String, Object> u : updates()) {
      assertFalse(
          Y.map(u, "groups").isEmpty(), u.get("package-ecosystem") + ": updates are grouped");
    }
  }

  @Test
  void everyMavenGroupIdIsInAFamilyOrIgnored() {
    Map<String, Object> maven = update("maven");
    List<String> patterns = new ArrayList<>();
    Y.map(maven, "groups").values().forEach(g -> patterns.addAll(Y.strings(g, "patterns")));
    Y.maps(maven, "ignore").forEach(i -> patterns.add(Y.str(i, "dependency-name")));
    Set<String> uncovered = new TreeSet<>();
    for (Path pom : Repo.files(Repo.root(), "pom.xml")) {
      if (pom.toString().contains("/target/")) {
        continue;
      }
      // an exclusion names what is not on the class path: nothing to update
      String dependencies = Repo.read(pom).replaceAll("(?s)<exclusions>.*?</exclusions>", "");
      Matcher m = GROUP_ID.matcher(dependencies);
      while (m.find()) {
        String name = m.group(1) + ":any-artifact";
        if (!m.group(1).startsWith("dev.outboxref")
            && patterns.stream().noneMatch(p -> matches(p, name))) {
          uncovered.add(m.group(1));
        }
      }
    }
    assertEquals(Set.of(), uncovered, "groupIds in no Dependabot group of .github/dependabot.yml");
  }

  @Test
  void theLibertyPinsAreIgnored() {
    List<String> ignored =
        Y.maps(update("maven"), "ignore").stream().map(i -> Y.str(i, "dependency-name")).toList();
    for (String pinned : List.of("com.google.protobuf:*", "io.grpc:*", "io.opentelemetry:*")) {
      assertTrue(ignored.contains(pinned), pinned + " follows Open Liberty and must be ignored");
    }
  }

  /** Dependabot's dependency-name patterns: `*` matches any run of characters. */
  static boolean matches(String pattern, String name) {
    return name.matches(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
  }

  private List<Map<String, Object>> updates() {
    return Y.maps(config, "updates");
  }

  private Map<String, Object> update(String ecosystem) {
    return updates().stream()
        .filter(u -> ecosystem.equals(u.get("package-ecosystem")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("dependabot.yml has no " + ecosystem + " update"));
  }
}

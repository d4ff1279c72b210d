package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The external tools deploy-tests drive: kubectl (for its built-in kustomize) and terraform. A
 * missing tool fails the test with an explanation; it never skips silently.
 */
final class Tools {

  record Result(int exitCode, String stdout, String stderr) {}

  private static final Map<String, Path> FOUND = new ConcurrentHashMap<>();

  private Tools() {}

  static Path kubectl() {
    return require(
        "kubectl",
        "KUBECTL",
        "it renders k8s/overlays/* with its built-in kustomize (kubectl >= 1.27; `kubectl kustomize`)");
  }

  static Path terraform() {
    return require(
        "terraform",
        "TERRAFORM",
        "it checks `terraform fmt -check -recursive terraform` (terraform >= 1.9)");
  }

  static Path promtool() {
    return require(
        "promtool",
        "PROMTOOL",
        "it checks and unit-tests the alert rules (Debian's prometheus package; .ci/run installs it)");
  }

  private static Path require(String name, String envVar, String why) {
    return FOUND.computeIfAbsent(
        name,
        n -> {
          String override = System.getenv(envVar);
          if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            if (Files.isExecutable(p)) {
              return p;
            }
            fail(envVar + "=" + override + " is not an executable file.");
          }
          String pathVar = System.getenv().getOrDefault("PATH", "");
          for (String dir : pathVar.split(File.pathSeparator)) {
            if (dir.isBlank()) {
              continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
              return candidate;
            }
          }
          fail(
              name
                  + " was not found on PATH, and deploy-tests need it: "
                  + why
                  + ". Install "
                  + name
                  + " (the CI workflow .github/workflows/test.yml does) or point "
                  + envVar
                  + " at the binary.");
          return null;
        });
  }

  static Result run(Path workingDir, Duration timeout, String... command) {
    List<String> cmd = new ArrayList<>(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workingDir.toFile());
    pb.environment().put("TF_IN_AUTOMATION", "1");
    pb.environment().put("CHECKPOINT_DISABLE", "1");
    try {
      Path out = Files.createTempFile("deploy-tests-", ".out");
      Path err = Files.createTempFile("deploy-tests-", ".err");
      try {
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(timeout.seconds(), TimeUnit.SECONDS)) {
          p.destroyForcibly();
          fail(String.join(" ", cmd) + " did not finish within " + timeout.seconds() + " s");
        }
        return new Result(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("could not run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + String.join(" ", cmd), e);
    }
  }

  /** A timeout in whole seconds (keeps call sites short). */
  record Duration(long seconds) {
    static Duration ofSeconds(long s) {
      return new Duration(s);
    }
  }
}

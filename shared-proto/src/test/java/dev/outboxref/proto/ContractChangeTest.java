package dev.outboxref.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract guard on changed copies of the contract: `buf breaking` against
 * contract/released.binpb (the contract as last released) fails a change that breaks a deployed
 * reader and passes one it tolerates. Each case edits a copy in a temporary directory; the real
 * contract is checked by the build (buf-lint and buf-breaking in shared-proto/pom.xml).
 */
class ContractChangeTest {

  private static final String EVENTS = "src/main/proto/outboxref/events/v1/user_events.proto";

  @TempDir Path copy;

  @Test
  void theContractAsItIsPasses() throws Exception {
    Result r = breaking();
    assertEquals(0, r.exitCode(), r.output());
  }

  @Test
  void aRenumberedFieldFails() throws Exception {
    edit(
        "  string name = 2;\n  string nickname = 3;\n}\n\nmessage UserProfileChanged",
        "  string name = 5;\n  string nickname = 3;\n}\n\nmessage UserProfileChanged");
    Result r = breaking();
    assertNotEquals(0, r.exitCode(), "a renumbered field must fail the guard");
    assertTrue(r.output().contains("UserRegistered"), r.output());
  }

  @Test
  void aRemovedFieldWithoutReservationFails() throws Exception {
    edit("  string name = 1;\n  string nickname = 2;\n}", "  string name = 1;\n}");
    Result r = breaking();
    assertNotEquals(0, r.exitCode(), "a removed field whose number is free again must fail");
    assertTrue(r.output().contains("UserProfileChanged"), r.output());
  }

  @Test
  void aRemovedFieldWithItsNumberAndNameReservedPasses() throws Exception {
    // (the released contract's UserRegistered.email went this way: theContractAsItIsPasses)
    edit(
        "to apply it.\n  string name = 1;\n  string nickname = 2;\n}",
        "to apply it.\n  string name = 1;\n  reserved 2;\n  reserved \"nickname\";\n}");
    Result r = breaking();
    assertEquals(0, r.exitCode(), r.output());
  }

  @Test
  void aNewOptionalFieldPasses() throws Exception {
    edit("  string nickname = 3;\n}", "  string nickname = 3;\n  optional string locale = 4;\n}");
    Result r = breaking();
    assertEquals(0, r.exitCode(), r.output());
  }

  @Test
  void aNewEventTypePasses() throws Exception {
    edit(
        "    UserCredentialsChanged credentials_changed = 13;\n",
        "    UserCredentialsChanged credentials_changed = 13;\n    UserSuspended suspended = 14;\n");
    edit(
        "message UserDeleted {}\n",
        "message UserDeleted {}\n\nmessage UserSuspended {\n  string reason = 1;\n}\n");
    Result r = breaking();
    assertEquals(0, r.exitCode(), r.output());
    Result lint = buf("lint");
    assertEquals(0, lint.exitCode(), lint.output());
  }

  private void edit(String from, String to) throws IOException {
    copyContract();
    Path file = copy.resolve(EVENTS);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(
        text.contains(from), "the contract no longer contains the text this case edits: " + from);
    Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
  }

  private Result breaking() throws Exception {
    return buf("breaking", "--against", "contract/released.binpb");
  }

  private Result buf(String... args) throws Exception {
    copyContract();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("buf.executable")).toString());
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "buf did not finish");
    return new Result(p.exitValue(), String.join(" ", command) + "\n" + output);
  }

  /** buf.yaml, the protos and the released image into the temporary directory, once per case. */
  private void copyContract() throws IOException {
    if (Files.exists(copy.resolve("buf.yaml"))) {
      return;
    }
    Path root = Path.of(System.getProperty("contract.root"));
    for (String top : List.of("buf.yaml", "contract", "src/main/proto")) {
      Path source = root.resolve(top);
      try (Stream<Path> files = Files.walk(source)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Path target = copy.resolve(root.relativize(f).toString());
          if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
          }
        }
      }
    }
  }

  private record Result(int exitCode, String output) {}
}

package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * terraform/ is formatted (`terraform fmt -check -recursive terraform`), its variables are typed
 * and described, and its providers are pinned. (init/validate/plan need provider downloads and are
 * not run here; see terraform/README.md.)
 */
class TerraformTest {

  @Test
  void isFormatted() {
    Tools.Result r =
        Tools.run(
            Repo.root(),
            Tools.Duration.ofSeconds(60),
            Tools.terraform().toString(),
            "fmt",
            "-check",
            "-recursive",
            "-diff",
            "terraform");
    assertEquals(
        0,
        r.exitCode(),
        "`terraform fmt -check -recursive terraform` failed; run `terraform fmt -recursive terraform`. Files:\n"
            + r.stdout()
            + r.stderr());
  }

  /** The body of each top-level block opened by the pattern's match, by brace matching. */
  static List<String[]> blocks(String hcl, Pattern opening) {
    List<String[]> out = new ArrayList<>();
    Matcher m = opening.matcher(hcl);
    while (m.find()) {
      int depth = 0;
      int i = m.end() - 1; // at '{'
      int start = i;
      for (; i < hcl.length(); i++) {
        char ch = hcl.charAt(i);
        if (ch == '{') {
          depth++;
        } else if (ch == '}' && --depth == 0) {
          break;
        }
      }
      out.add(new String[] {m.group(1), hcl.substring(start, i + 1)});
    }
    return out;
  }

  @Test
  void everyVariableIsTypedAndDescribed() {
    String vars = Repo.read(Repo.path("terraform/variables.tf"));
    List<String[]> blocks = blocks(vars, Pattern.compile("(?m)^variable\\s+\"([^\"]+)\"\\s*\\{"));
    assertFalse(blocks.isEmpty(), "no variables in terraform/variables.tf");
    for (String[] b : blocks) {
      assertTrue(
          Pattern.compile("(?m)^\\s*type\\s*=").matcher(b[1]).find(),
          "variable " + b[0] + " has no type");
      assertTrue(
          Pattern.compile("(?m)^\\s*description\\s*=\\s*\"[^\"]+\"").matcher(b[1]).find(),
          "variable " + b[0] + " has no description");
    }
  }

  @Test
  void providersArePinnedAndNoKeysAreCreated() {
    String providers = Repo.read(Repo.path("terraform/providers.tf"));
    List<String[]> required = blocks(providers, Pattern.compile("(required_providers)\\s*\\{"));
    assertEquals(1, required.size(), "terraform/providers.tf needs one required_providers block");
    Matcher p =
        Pattern.compile("(?m)^\\s*(\\w[\\w-]*)\\s*=\\s*\\{([^}]*)\\}").matcher(required.get(0)[1]);
    int count = 0;
    while (p.find()) {
      count++;
      assertTrue(
          p.group(2).contains("version"), "provider " + p.group(1) + " is not pinned to a version");
    }
    assertTrue(count > 0, "no providers declared");
    for (var file : Repo.files(Repo.path("terraform"), ".tf")) {
      String text = Repo.read(file);
      assertFalse(
          text.contains("google_service_account_key"),
          file
              + ": service account keys are not used; CI authenticates with Workload Identity Federation");
    }
    assertTrue(
        Files.isRegularFile(Repo.path("terraform/terraform.tfvars.example")),
        "terraform/terraform.tfvars.example is missing");
  }

  /**
   * Kubernetes Secrets (the token signing key, the database and Kafka credentials) are encrypted in
   * etcd with a key of the project's Cloud KMS (application-layer secrets encryption), which the
   * GKE service agent may use.
   */
  @Test
  void secretsAreEncryptedWithAKmsKey() {
    String main = Repo.read(Repo.path("terraform/main.tf"));
    List<String[]> clusters =
        blocks(
            main, Pattern.compile("resource\\s+\"google_container_cluster\"\\s+\"(\\w+)\"\\s*\\{"));
    assertEquals(1, clusters.size(), "one google_container_cluster in terraform/main.tf");
    List<String[]> encryption =
        blocks(clusters.get(0)[1], Pattern.compile("(database_encryption)\\s*\\{"));
    assertEquals(1, encryption.size(), "the cluster has no database_encryption block");
    String block = encryption.get(0)[1];
    assertTrue(block.contains("\"ENCRYPTED\""), "database_encryption is not ENCRYPTED: " + block);
    Matcher key =
        Pattern.compile("key_name\\s*=\\s*google_kms_crypto_key\\.(\\w+)\\.id").matcher(block);
    assertTrue(key.find(), "database_encryption.key_name is not a google_kms_crypto_key: " + block);
    assertTrue(
        Pattern.compile("resource\\s+\"google_kms_crypto_key\"\\s+\"" + key.group(1) + "\"")
            .matcher(main)
            .find(),
        "google_kms_crypto_key." + key.group(1) + " is not defined");
    assertTrue(
        main.contains("container-engine-robot.iam.gserviceaccount.com")
            && main.contains("roles/cloudkms.cryptoKeyEncrypterDecrypter"),
        "the GKE service agent needs roles/cloudkms.cryptoKeyEncrypterDecrypter on the key");
  }
}

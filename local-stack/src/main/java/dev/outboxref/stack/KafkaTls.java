package dev.outboxref.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS material of the local broker's SASL_SSL listener, made with the JDK's keytool on first
 * use: a local CA ({@code ca.crt}, PEM, what clients trust) and the broker's key and certificate
 * for localhost signed by it ({@code broker.p12}). The CA key never leaves the data directory.
 */
final class KafkaTls {

  private final Path directory;
  private final String password;

  KafkaTls(Path directory, String password) {
    this.directory = directory;
    this.password = password;
  }

  Path caCertificate() {
    return directory.resolve("ca.crt");
  }

  Path brokerKeystore() {
    return directory.resolve("broker.p12");
  }

  String keystorePassword() {
    return password;
  }

  void createIfMissing() {
    if (Files.exists(brokerKeystore()) && Files.exists(caCertificate())) {
      return;
    }
    try {
      Files.createDirectories(directory);
      Files.deleteIfExists(directory.resolve("ca.p12"));
      Files.deleteIfExists(brokerKeystore());
      keytool(
          "-genkeypair",
          "-alias",
          "ca",
          "-dname",
          "CN=outboxref local CA",
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-validity",
          "3650",
          "-ext",
          "bc:c",
          "-keystore",
          "ca.p12",
          "-storetype",
          "PKCS12",
          "-storepass",
          password);
      keytool(
          "-exportcert",
          "-rfc",
          "-alias",
          "ca",
          "-keystore",
          "ca.p12",
          "-storepass",
          password,
          "-file",
          "ca.crt");
      keytool(
          "-genkeypair",
          "-alias",
          "broker",
          "-dname",
          "CN=localhost",
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-validity",
          "825",
          "-keystore",
          "broker.p12",
          "-storetype",
          "PKCS12",
          "-storepass",
          password);
      keytool(
          "-certreq",
          "-alias",
          "broker",
          "-keystore",
          "broker.p12",
          "-storepass",
          password,
          "-file",
          "broker.csr");
      keytool(
          "-gencert",
          "-alias",
          "ca",
          "-keystore",
          "ca.p12",
          "-storepass",
          password,
          "-infile",
          "broker.csr",
          "-outfile",
          "broker.crt",
          "-rfc",
          "-validity",
          "825",
          "-ext",
          "SAN=dns:localhost,ip:127.0.0.1",
          "-ext",
          "KU=digitalSignature,keyEncipherment",
          "-ext",
          "EKU=serverAuth");
      keytool(
          "-importcert",
          "-alias",
          "ca",
          "-file",
          "ca.crt",
          "-keystore",
          "broker.p12",
          "-storepass",
          password,
          "-noprompt");
      keytool(
          "-importcert",
          "-alias",
          "broker",
          "-file",
          "broker.crt",
          "-keystore",
          "broker.p12",
          "-storepass",
          password);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    try {
      if (process.waitFor() != 0) {
        throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

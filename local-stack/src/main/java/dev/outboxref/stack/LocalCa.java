package dev.outboxref.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;

/**
 * A certificate authority of the local stack's own, made with the JDK's keytool in a directory:
 * {@code ca.crt} (PEM, what clients trust) and, for each server, a PKCS#12 key store with its key
 * and a certificate for localhost signed by the CA. The CA's key never leaves the directory.
 */
final class LocalCa {

  private final Path directory;
  private final String password;
  private final Keytool keytool;

  LocalCa(Path directory, String password) {
    this.directory = directory;
    this.password = password;
    this.keytool = new Keytool(directory);
  }

  Path certificate() {
    return directory.resolve("ca.crt");
  }

  Path keyStore(String server) {
    return directory.resolve(server + ".p12");
  }

  /** The server's certificate alone (PEM). */
  Path serverCertificate(String server) {
    return directory.resolve(server + ".crt");
  }

  String password() {
    return password;
  }

  /**
   * Creates the CA (if missing) and a key and certificate for the server, valid for {@code san}.
   */
  void issue(String server, String san) {
    try {
      Files.createDirectories(directory);
      if (!Files.exists(certificate()) || !Files.exists(directory.resolve("ca.p12"))) {
        Files.deleteIfExists(directory.resolve("ca.p12"));
        keytool.run(
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
        keytool.run(
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
      }
      Files.deleteIfExists(keyStore(server));
      keytool.run(
          "-genkeypair",
          "-alias",
          server,
          "-dname",
          "CN=localhost",
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-validity",
          "825",
          "-keystore",
          server + ".p12",
          "-storetype",
          "PKCS12",
          "-storepass",
          password);
      keytool.run(
          "-certreq",
          "-alias",
          server,
          "-keystore",
          server + ".p12",
          "-storepass",
          password,
          "-file",
          server + ".csr");
      keytool.run(
          "-gencert",
          "-alias",
          "ca",
          "-keystore",
          "ca.p12",
          "-storepass",
          password,
          "-infile",
          server + ".csr",
          "-outfile",
          server + ".crt",
          "-rfc",
          "-validity",
          "825",
          "-ext",
          "SAN=" + san,
          "-ext",
          "KU=digitalSignature,keyEncipherment",
          "-ext",
          "EKU=serverAuth");
      keytool.run(
          "-importcert",
          "-alias",
          "ca",
          "-file",
          "ca.crt",
          "-keystore",
          server + ".p12",
          "-storepass",
          password,
          "-noprompt");
      keytool.run(
          "-importcert",
          "-alias",
          server,
          "-file",
          server + ".crt",
          "-keystore",
          server + ".p12",
          "-storepass",
          password);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server's private key as unencrypted PKCS#8 PEM (what PostgreSQL reads). */
  String privateKeyPem(String server) {
    try (InputStream in = Files.newInputStream(keyStore(server))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      PrivateKey key = (PrivateKey) store.getKey(server, password.toCharArray());
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the key of " + server, e);
    }
  }
}

package dev.outboxref.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The RSA key the local user service signs access tokens with: generated on first use into the data
 * directory ({@code jwt/signing-key.pem}, PKCS#8 PEM as {@code openssl genpkey} writes it,
 * owner-readable only), never into the repository. In Kubernetes the same file comes from a secret.
 */
final class TokenSigningKey {

  private TokenSigningKey() {}

  static Path createIfMissing(Path dataDirectory) {
    Path file = dataDirectory.resolve("jwt").resolve("signing-key.pem");
    if (Files.exists(file)) {
      return file;
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      String body =
          Base64.getMimeEncoder(64, "\n".getBytes())
              .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
      Files.createDirectories(file.getParent());
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

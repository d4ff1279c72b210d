package dev.outboxref.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The TLS material of the embedded PostgreSQL, made on first use by a {@link LocalCa} of its own:
 * the server's certificate for {@code localhost} only (no IP address, so a client that checks the
 * host name, as the services do with {@code sslmode=verify-full}, must connect by that name), its
 * key readable by its owner only (PostgreSQL refuses another), and the CA's certificate the
 * services trust.
 */
public final class DatabaseTls {

  private static final String SERVER = "postgres";

  private final LocalCa ca;
  private final Path directory;

  DatabaseTls(Path directory, String password) {
    this.ca = new LocalCa(directory, password);
    this.directory = directory;
  }

  /** The CA's certificate (PEM): the services' {@code sslrootcert}. */
  public Path caCertificate() {
    return ca.certificate();
  }

  Path serverCertificate() {
    return ca.serverCertificate(SERVER);
  }

  Path serverKey() {
    return directory.resolve(SERVER + ".key");
  }

  void createIfMissing() {
    if (Files.exists(serverKey()) && Files.exists(serverCertificate())) {
      return;
    }
    ca.issue(SERVER, "dns:localhost");
    try {
      Files.deleteIfExists(serverKey());
      Files.createFile(
          serverKey(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(serverKey(), ca.privateKeyPem(SERVER));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

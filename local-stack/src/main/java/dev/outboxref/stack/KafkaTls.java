package dev.outboxref.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The TLS material of the local broker's SASL_SSL listener, made on first use by a {@link LocalCa}:
 * the CA's certificate ({@code ca.crt}, what clients trust) and the broker's key and certificate
 * for localhost signed by it ({@code broker.p12}).
 */
final class KafkaTls {

  private final LocalCa ca;

  KafkaTls(Path directory, String password) {
    this.ca = new LocalCa(directory, password);
  }

  Path caCertificate() {
    return ca.certificate();
  }

  Path brokerKeystore() {
    return ca.keyStore("broker");
  }

  String keystorePassword() {
    return ca.password();
  }

  void createIfMissing() {
    if (!Files.exists(brokerKeystore()) || !Files.exists(caCertificate())) {
      ca.issue("broker", "dns:localhost,ip:127.0.0.1");
    }
  }
}

package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.LibertyServer;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Ports;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.StackExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The services talk to PostgreSQL over TLS and check whom they talk to (sslmode=verify-full against
 * the database's CA, as in Kubernetes): a server whose certificate another CA signed, or that is
 * reached by a name its certificate does not carry, is refused (its application does not start);
 * and the server takes the service roles over TLS only.
 */
@ExtendWith(StackExtension.class)
class DatabaseTlsIT {

  @Test
  void everyConnectionOfBothServicesIsTls(Stack stack) throws SQLException {
    try (Connection c = stack.database().connectAsAdmin("postgres");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FILTER (WHERE s.ssl), count(*) FILTER (WHERE NOT s.ssl)"
                    + " FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)"
                    + " WHERE a.usename IN ('user_service', 'post_service')")) {
      rs.next();
      assertNotEquals(0, rs.getLong(1), "the services hold no connection at all");
      assertEquals(0, rs.getLong(2), "connections of the services without TLS");
    }
  }

  @Test
  void aServiceRoleWithoutTlsIsRefused(Stack stack) {
    Database db = stack.database();
    Properties props = new Properties();
    props.setProperty("user", Database.POST_DB.role());
    props.setProperty("password", db.password(Database.POST_DB));
    props.setProperty("sslmode", "disable");
    SQLException refused =
        assertThrows(
            SQLException.class,
            () ->
                DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + db.port() + "/" + Database.POST_DB.name(),
                        props)
                    .close());
    assertTrue(refused.getMessage().contains("no encryption"), refused.getMessage());
  }

  @Test
  void aServerVouchedForByAnotherCaIsRefused(Stack stack) throws Exception {
    LibertyServer plain = misconfigured(stack, "post-service-other-ca");
    // the Kafka broker's CA: a real CA, but not the one that signed the database's certificate
    String otherCa = plain.environment().get("KAFKA_SSL_TRUSTSTORE_LOCATION");
    assertNotNull(otherCa, "the stack's broker has a CA of its own");
    LibertyServer service = plain.withEnvironment("DB_SSL_ROOT_CERT", otherCa);
    assertRefusedWith(service, "Path does not chain with any of the trust anchors");
  }

  @Test
  void aServerReachedByANameItsCertificateDoesNotCarryIsRefused(Stack stack) throws Exception {
    // the certificate is for localhost; 127.0.0.1 is the same server, but not the name it proves
    LibertyServer service =
        misconfigured(stack, "post-service-by-address").withEnvironment("DB_HOST", "127.0.0.1");
    assertRefusedWith(service, "could not be verified");
  }

  private static LibertyServer misconfigured(Stack stack, String instance) {
    int[] ports = Ports.free(2);
    return stack
        .service(Service.POST, instance, ports[0], ports[1])
        .withEnvironment("DB_MIGRATION_CONNECT_RETRIES", "0");
  }

  /**
   * The service cannot use its database (the TLS check says why at start-up, where the schema
   * migration connects first) and its application does not run.
   */
  private static void assertRefusedWith(LibertyServer service, String reason) throws Exception {
    service.launch();
    try {
      Path log = service.messagesLog();
      Poll.until(
          "the service to report why it cannot connect: " + reason,
          Duration.ofSeconds(180),
          () -> contains(log, reason));
      int status =
          Poll.until(
              "the service to answer",
              Duration.ofSeconds(60),
              () -> statusOrNull(service, Service.POST.apiPath()),
              answer -> answer != null);
      assertNotEquals(200, status, "the posts API runs without its database");
    } finally {
      service.stop();
    }
  }

  private static boolean contains(Path log, String text) {
    try {
      return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Integer statusOrNull(LibertyServer server, String path) {
    try {
      return Http.get(server.baseUrl() + path).statusCode();
    } catch (AssertionError notListeningYet) {
      return null;
    }
  }
}

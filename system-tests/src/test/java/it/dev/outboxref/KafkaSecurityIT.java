package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.KafkaBroker;
import dev.outboxref.stack.LibertyServer;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Ports;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Health;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.StackExtension;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test stack's broker has one client listener, SASL_SSL (TLS with a local CA, SCRAM-SHA-512),
 * as in Kubernetes; every other system test runs the services over it, so no plaintext listener is
 * needed. Here: plaintext and wrong credentials are refused, clearly.
 */
@ExtendWith(StackExtension.class)
class KafkaSecurityIT {

  @Test
  void bothServicesReachKafkaOverSaslSslWithTheirOwnUser(Stack stack) {
    assertEquals(KafkaBroker.Security.SASL_SSL, stack.broker().security());
    assertEquals("SASL_SSL", stack.userService().environment().get("KAFKA_SECURITY_PROTOCOL"));
    assertTrue(
        stack
            .userService()
            .environment()
            .get("KAFKA_SASL_JAAS_CONFIG")
            .contains("username=\"user-service\""));
    assertTrue(
        stack
            .postService()
            .environment()
            .get("KAFKA_SASL_JAAS_CONFIG")
            .contains("username=\"post-service\""));
    for (LibertyServer service : new LibertyServer[] {stack.userService(), stack.postService()}) {
      JsonObject kafka = Health.checks(Health.body(service, "/health/ready")).get("kafka");
      assertEquals(
          true,
          kafka.getJsonObject("data").getBoolean("reachable"),
          service.instance() + ": " + kafka);
    }
  }

  @Test
  void aPlaintextClientGetsNothing(Stack stack) {
    Properties plaintext = new Properties();
    plaintext.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers());
    plaintext.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    plaintext.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    try (Admin admin = Admin.create(plaintext)) {
      assertThrows(
          Exception.class,
          () ->
              admin
                  .describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                  .clusterId()
                  .get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aWrongPasswordIsRefusedWithAClearErrorAndReadinessDown(Stack stack) {
    int[] ports = Ports.free(2);
    LibertyServer impostor =
        stack
            .service(Service.POST, "post-service-wrong-password", ports[0], ports[1])
            .withEnvironment(
                "KAFKA_SASL_JAAS_CONFIG",
                KafkaBrokerJaas.of(Service.POST.appName(), "not-the-password"));
    impostor.launch();
    try {
      HttpResponse<String> ready =
          Poll.until(
              "readiness of the service with a wrong Kafka password",
              Duration.ofSeconds(180),
              () -> readinessOrNull(impostor),
              r ->
                  r != null
                      && r.statusCode() == 503
                      && r.body().contains("\"kafka\"")
                      && r.body().contains("\"database\",\"status\":\"UP\""));
      JsonObject kafka = Health.checks(Http.json(ready)).get("kafka");
      assertEquals("DOWN", kafka.getString("status"));
      String error = kafka.getJsonObject("data").getString("error");
      assertTrue(
          error.contains("SaslAuthenticationException") && error.contains("invalid credentials"),
          error);
    } finally {
      impostor.stop();
    }
  }

  /** The readiness answer, or null while the server does not listen yet. */
  private static HttpResponse<String> readinessOrNull(LibertyServer server) {
    try {
      return Http.get(server.baseUrl() + "/health/ready");
    } catch (AssertionError notListeningYet) {
      return null;
    }
  }

  /** A JAAS line like the stack writes, with a chosen password. */
  static final class KafkaBrokerJaas {
    static String of(String user, String password) {
      return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
          + user
          + "\" password=\""
          + password
          + "\";";
    }
  }
}

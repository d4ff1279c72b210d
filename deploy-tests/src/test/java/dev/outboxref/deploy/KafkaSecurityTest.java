package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.outboxref.descriptor.Service;
import dev.outboxref.descriptor.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kafka is reachable only over TLS with SCRAM-SHA-512, each service has exactly the ACLs its role
 * needs, and the services' Kafka clients are configured for exactly that (SASL_SSL, their own
 * KafkaUser secret, the cluster CA as trust store).
 */
class KafkaSecurityTest {

  /** Least privilege, as "type:name:patternType:Operation" (cluster resources have no name). */
  static final Map<String, Set<String>> EXPECTED_ACLS =
      Map.of(
          Service.USER.appName(),
              Set.of(
                  "topic:user-events:literal:Write",
                  "topic:user-events:literal:Describe",
                  "cluster:::IdempotentWrite"),
          Service.POST.appName(),
              Set.of(
                  "topic:user-events:literal:Read",
                  "topic:user-events:literal:Describe",
                  "group:post-service:literal:Read"));

  /** partitions, replicas, min.insync.replicas of user-events per overlay. */
  static final Map<String, List<Integer>> TOPIC_SHAPE =
      Map.of("gke", List.of(12, 3, 2), "dev", List.of(3, 1, 1));

  static List<String> overlays() {
    return Repo.overlays();
  }

  static Stream<Arguments> cases() {
    return Cases.overlayAndService().stream();
  }

  static Map<String, Object> kafka(Rendered r) {
    List<Map<String, Object>> clusters = r.all("Kafka");
    assertEquals(1, clusters.size(), r.dir + ": expected one Kafka cluster");
    return clusters.get(0);
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void onlyTlsScramListeners(String overlay) {
    Map<String, Object> k = kafka(Rendered.overlay(overlay));
    List<Map<String, Object>> listeners = Y.maps(k, "spec", "kafka", "listeners");
    assertFalse(listeners.isEmpty(), "no listeners");
    for (Map<String, Object> l : listeners) {
      String where = overlay + ": Kafka listener " + Y.str(l, "name");
      assertEquals(Boolean.TRUE, l.get("tls"), where + ": must be TLS");
      assertEquals(
          "scram-sha-512",
          Y.str(l, "authentication", "type"),
          where + ": must authenticate with SCRAM-SHA-512");
    }
    assertTrue(
        listeners.stream().anyMatch(l -> Integer.valueOf(9093).equals(l.get("port"))),
        overlay + ": the client listener is expected on 9093");
    assertEquals(
        "simple",
        Y.str(k, "spec", "kafka", "authorization", "type"),
        overlay + ": Kafka must authorize with ACLs");
    assertEquals(
        "false",
        Y.str(k, "spec", "kafka", "config", "auto.create.topics.enable"),
        overlay + ": topics are declared as KafkaTopic, never auto-created");
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void kafkaUsersHaveExactlyTheirAcls(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    String cluster = Y.name(kafka(r));
    List<Map<String, Object>> users = r.all("KafkaUser");
    assertEquals(
        new TreeSet<>(EXPECTED_ACLS.keySet()),
        new TreeSet<>(users.stream().map(Y::name).toList()),
        overlay
            + ": unexpected set of KafkaUsers (add new ones to EXPECTED_ACLS with their least-privilege ACLs)");
    for (Map<String, Object> u : users) {
      String where = overlay + ": KafkaUser " + Y.name(u);
      assertEquals(
          cluster,
          Y.str(u, "metadata", "labels", "strimzi.io/cluster"),
          where + ": strimzi.io/cluster label");
      assertEquals("scram-sha-512", Y.str(u, "spec", "authentication", "type"), where);
      assertEquals("simple", Y.str(u, "spec", "authorization", "type"), where);
      Set<String> acls = new TreeSet<>();
      for (Map<String, Object> acl : Y.maps(u, "spec", "authorization", "acls")) {
        assertNull(
            acl.get("operation"),
            where + ": use `operations` (the singular `operation` is deprecated in Strimzi)");
        assertTrue(
            acl.get("host") == null || "*".equals(acl.get("host")),
            where + ": host-restricted ACL");
        String type = Y.str(acl, "resource", "type");
        String name = "cluster".equals(type) ? "" : Y.str(acl, "resource", "name");
        String pattern =
            "cluster".equals(type) ? "" : String.valueOf(Y.str(acl, "resource", "patternType"));
        for (String op : Y.strings(acl, "operations")) {
          acls.add(type + ":" + name + ":" + pattern + ":" + op);
        }
      }
      assertEquals(new TreeSet<>(EXPECTED_ACLS.get(Y.name(u))), acls, where + ": ACLs");
    }
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void userEventsTopicShape(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    Map<String, Object> t = r.get("KafkaTopic", "outboxref", Topics.USER_EVENTS);
    assertEquals(Y.name(kafka(r)), Y.str(t, "metadata", "labels", "strimzi.io/cluster"));
    String topicName = Y.str(t, "spec", "topicName");
    assertTrue(topicName == null || topicName.equals(Topics.USER_EVENTS));
    List<Integer> shape = TOPIC_SHAPE.get(overlay);
    if (shape == null) {
      return;
    }
    assertEquals(shape.get(0), Y.at(t, "spec", "partitions"), overlay + ": partitions");
    assertEquals(shape.get(1), Y.at(t, "spec", "replicas"), overlay + ": replicas");
    assertEquals(
        String.valueOf(shape.get(2)),
        Y.str(t, "spec", "config", "min.insync.replicas"),
        overlay + ": min.insync.replicas");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void servicesConnectWithSaslSslAndTheirOwnUser(String overlay, Service s) {
    Rendered r = Rendered.overlay(overlay);
    Map<String, Object> k = kafka(r);
    String cluster = Y.name(k);
    Map<String, Object> d = r.get("Deployment", "outboxref", s.appName());
    Map<String, Object> c = Rendered.container(d, s.appName());
    Map<String, Object> env = r.environment(d, c);
    String where = overlay + " " + s.appName();
    // the services map these to the connector in liberty-config's microprofile-config.properties
    String prefix = "KAFKA_";

    assertEquals("SASL_SSL", Rendered.literal(env, prefix + "SECURITY_PROTOCOL", where));
    assertEquals("SCRAM-SHA-512", Rendered.literal(env, prefix + "SASL_MECHANISM", where));
    assertEquals(
        List.of(s.appName(), "sasl.jaas.config"),
        Rendered.secretRef(env, prefix + "SASL_JAAS_CONFIG", where),
        where + ": the JAAS config must come from the service's own KafkaUser secret");
    r.get("KafkaUser", "outboxref", s.appName());

    assertEquals("PEM", Rendered.literal(env, prefix + "SSL_TRUSTSTORE_TYPE", where));
    String truststore = Rendered.literal(env, prefix + "SSL_TRUSTSTORE_LOCATION", where);
    String dir = truststore.substring(0, truststore.lastIndexOf('/'));
    String file = truststore.substring(truststore.lastIndexOf('/') + 1);
    Map<String, Object> volume = Rendered.volumeMountedAt(Rendered.podSpec(d), c, dir, where);
    assertEquals(
        cluster + "-cluster-ca-cert",
        Y.str(volume, "secret", "secretName"),
        where + ": the trust store must be Strimzi's cluster CA");
    assertTrue(
        Y.maps(volume, "secret", "items").stream()
            .anyMatch(i -> "ca.crt".equals(Y.str(i, "key")) && file.equals(Y.str(i, "path"))),
        where + ": " + truststore + " must be the ca.crt key of the cluster CA secret");

    int tlsPort =
        Y.maps(k, "spec", "kafka", "listeners").stream()
            .filter(l -> Boolean.TRUE.equals(l.get("tls")))
            .map(l -> ((Number) l.get("port")).intValue())
            .findFirst()
            .orElseGet(() -> fail("no TLS listener"));
    String bootstrap = Rendered.literal(env, "KAFKA_BOOTSTRAP_SERVERS", where);
    assertTrue(
        bootstrap.startsWith(cluster + "-kafka-bootstrap") && bootstrap.endsWith(":" + tlsPort),
        where
            + ": KAFKA_BOOTSTRAP_SERVERS must be the cluster's bootstrap service on the TLS listener port "
            + tlsPort
            + ", found "
            + bootstrap);
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void noPlaintextKafkaAnywhere(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    for (Map<String, Object> cm : r.all("ConfigMap")) {
      Y.map(cm, "data")
          .forEach(
              (key, value) -> {
                if (key.toUpperCase().endsWith("SECURITY_PROTOCOL")) {
                  assertEquals(
                      "SASL_SSL", String.valueOf(value), overlay + ": " + Y.id(cm) + " " + key);
                }
              });
    }
  }
}

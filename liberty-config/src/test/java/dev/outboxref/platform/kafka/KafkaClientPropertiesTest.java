package dev.outboxref.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {

  @Test
  void takesConnectionAndSecuritySettingsFromTheConnectorConfig() {
    Properties props =
        KafkaClientProperties.forAdminClient(
            Map.of(
                "mp.messaging.connector.liberty-kafka.bootstrap.servers", "broker:9093",
                "mp.messaging.connector.liberty-kafka.security.protocol", "SASL_SSL",
                "mp.messaging.connector.liberty-kafka.sasl.mechanism", "SCRAM-SHA-512"));

    assertEquals("broker:9093", props.getProperty("bootstrap.servers"));
    assertEquals("SASL_SSL", props.getProperty("security.protocol"));
    assertEquals("SCRAM-SHA-512", props.getProperty("sasl.mechanism"));
  }

  @Test
  void ignoresProducerOnlySettingsAndOtherNamespaces() {
    Properties props =
        KafkaClientProperties.forAdminClient(
            Map.of(
                "mp.messaging.connector.liberty-kafka.acks", "all",
                "mp.messaging.outgoing.user-events.bootstrap.servers", "elsewhere:1",
                "kafka.bootstrap.servers", "x:1"));

    assertFalse(props.containsKey("acks"));
    assertFalse(props.containsKey("bootstrap.servers"));
    assertEquals(0, props.size());
  }
}

package dev.outboxref.platform.kafka;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Kafka client settings for the service's own clients (the admin client of the health check, the
 * post service's replica consumer), taken from the same MicroProfile Config keys that configure the
 * liberty-kafka connector ({@code mp.messaging.connector.liberty-kafka.*}), so there is one place
 * to set the broker address and its security settings.
 */
public final class KafkaClientProperties {

  public static final String CONNECTOR_PREFIX = "mp.messaging.connector.liberty-kafka.";

  private KafkaClientProperties() {}

  /**
   * Picks the admin-client settings out of the connector's configuration.
   *
   * @param propertyNames every configuration key known to the service
   * @param lookup the value of a key
   */
  public static Properties forAdminClient(
      Iterable<String> propertyNames, Function<String, String> lookup) {
    return pick(AdminClientConfig.configNames(), propertyNames, lookup);
  }

  /** Picks the consumer settings (address, security) out of the connector's configuration. */
  public static Properties forConsumer(
      Iterable<String> propertyNames, Function<String, String> lookup) {
    return pick(ConsumerConfig.configNames(), propertyNames, lookup);
  }

  private static Properties pick(
      Set<String> clientKeys, Iterable<String> propertyNames, Function<String, String> lookup) {
    Properties props = new Properties();
    for (String name : propertyNames) {
      if (name.startsWith(CONNECTOR_PREFIX)) {
        String key = name.substring(CONNECTOR_PREFIX.length());
        if (clientKeys.contains(key)) {
          String value = lookup.apply(name);
          if (value != null) {
            props.put(key, value);
          }
        }
      }
    }
    return props;
  }

  /** Convenience for tests and callers that already hold a map. */
  public static Properties forAdminClient(Map<String, String> config) {
    return forAdminClient(config.keySet(), config::get);
  }
}

package dev.outboxref.bench;

import dev.outboxref.stack.Stack;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer settings of the user service's relay (user-war's microprofile-config.properties):
 * every producer a bench measures next to the relay sends with these, so only the relaying differs.
 */
final class RelayProducerSettings {

  /** The content-type header the relay sets on every record (KafkaPublisher). */
  static final String CONTENT_TYPE =
      "application/x-protobuf; messageType=outboxref.events.v1.UserEvent";

  private RelayProducerSettings() {}

  /** The stack's client connection with the relay's acks, idempotence, batching and timeouts. */
  static Properties of(Stack stack) {
    Properties props = stack.broker().adminConfig();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    return props;
  }
}

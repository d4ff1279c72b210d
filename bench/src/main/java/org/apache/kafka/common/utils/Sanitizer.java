package org.apache.kafka.common.utils;

/**
 * Debezium 3.6.1 is built on Kafka 4.3, which had this class here; kafka-clients 4.4 (the version
 * of the services, the broker and the bench) moved it to {@code
 * org.apache.kafka.common.utils.internals}, and Debezium fails to start without it. Debezium calls
 * only {@link #jmxSanitize} (for the names of its metrics), so this forwards that one call, and
 * Debezium's producer in RelayVsDebeziumBench runs with the same client version as the relay's.
 * Remove it once Debezium is built on Kafka 4.4.
 */
public final class Sanitizer {

  private Sanitizer() {}

  public static String jmxSanitize(String name) {
    return org.apache.kafka.common.utils.internals.Sanitizer.jmxSanitize(name);
  }
}

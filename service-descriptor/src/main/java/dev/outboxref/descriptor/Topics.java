package dev.outboxref.descriptor;

/**
 * The Kafka topics between the services. Each is also written in the services' own
 * microprofile-config.properties; deploy-tests' ServiceDescriptorTest fails when they disagree.
 */
public final class Topics {

  /**
   * The user service's events, which the post service's replica reads: user-war's
   * mp.messaging.outgoing.user-events.topic and post-war's replica.consumer.topic.
   */
  public static final String USER_EVENTS = "user-events";

  private Topics() {}
}

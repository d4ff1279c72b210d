package it.dev.outboxref.support;

import java.security.SecureRandom;
import java.util.HexFormat;

/** The W3C trace context of a new, sampled trace, as a calling client sends it. */
public record Traceparent(String traceId, String spanId) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public static Traceparent random() {
    return new Traceparent(randomHex(16), randomHex(8));
  }

  /** The value of the {@code traceparent} request header. */
  public String header() {
    return "00-" + traceId + "-" + spanId + "-01";
  }

  private static String randomHex(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}

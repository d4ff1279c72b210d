package dev.outboxref.user.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

  @Test
  void withoutTrustedProxiesTheConnectionsAddressCountsAndTheHeaderIsIgnored() {
    assertEquals("10.0.0.5", ClientAddress.of("10.0.0.5", "203.0.113.9", 0));
  }

  @Test
  void behindOneProxyTheEntryItAppendedCounts() {
    assertEquals("203.0.113.9", ClientAddress.of("10.0.0.5", "203.0.113.9", 1));
    // what the client claims itself stands further left and is not trusted
    assertEquals("203.0.113.9", ClientAddress.of("10.0.0.5", "1.2.3.4, 203.0.113.9", 1));
    assertEquals("1.2.3.4", ClientAddress.of("10.0.0.5", "1.2.3.4, 203.0.113.9", 2));
  }

  @Test
  void aMissingOrShortHeaderFallsBackToTheConnection() {
    assertEquals("10.0.0.5", ClientAddress.of("10.0.0.5", null, 1));
    assertEquals("10.0.0.5", ClientAddress.of("10.0.0.5", " ", 1));
    assertEquals("10.0.0.5", ClientAddress.of("10.0.0.5", "203.0.113.9", 2));
    assertEquals("10.0.0.5", ClientAddress.of("10.0.0.5", "1.2.3.4, ", 1));
  }
}

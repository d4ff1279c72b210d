package dev.outboxref.user.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

  private static final ClientAddress NO_PROXY = ClientAddress.trusting("");
  private static final ClientAddress GATEWAY = ClientAddress.trusting("10.0.0.0/8, ::1");

  @Test
  void withoutTrustedProxiesTheHeaderIsIgnoredWhateverItSays() {
    assertEquals("10.0.0.5", NO_PROXY.of("10.0.0.5", "203.0.113.9"));
    assertEquals("192.0.2.7", NO_PROXY.of("192.0.2.7", "10.0.0.1, 203.0.113.9"));
  }

  @Test
  void fromAnUntrustedPeerTheHeaderIsIgnoredEvenWhenProxiesAreConfigured() {
    // a client that connects directly cannot pick its own key by forging the header
    assertEquals("192.0.2.7", GATEWAY.of("192.0.2.7", "203.0.113.9"));
    assertEquals("192.0.2.7", GATEWAY.of("192.0.2.7", "203.0.113.9, 10.0.0.5"));
  }

  @Test
  void behindTrustedProxiesTheRightmostEntryThatIsNoProxyCounts() {
    assertEquals("203.0.113.9", GATEWAY.of("10.0.0.5", "203.0.113.9"));
    // what the client claims itself stands further left and is not believed
    assertEquals("203.0.113.9", GATEWAY.of("10.0.0.5", "1.2.3.4, 203.0.113.9"));
    // a chain of our own proxies is skipped
    assertEquals("203.0.113.9", GATEWAY.of("10.0.0.5", "1.2.3.4, 203.0.113.9, 10.1.2.3"));
    assertEquals("2001:db8::7", GATEWAY.of("::1", "2001:db8::7"));
  }

  @Test
  void aMissingOrOddHeaderFallsBackToTheConnection() {
    assertEquals("10.0.0.5", GATEWAY.of("10.0.0.5", null));
    assertEquals("10.0.0.5", GATEWAY.of("10.0.0.5", " "));
    assertEquals("10.0.0.5", GATEWAY.of("10.0.0.5", "1.2.3.4, "));
    assertEquals("10.0.0.5", GATEWAY.of("10.0.0.5", "10.9.9.9"));
    assertEquals("x".repeat(64), GATEWAY.of("10.0.0.5", "x".repeat(500)));
  }

  @Test
  void rangesMatchByPrefixAndNamesAreNeverLookedUp() {
    ClientAddress ranges = ClientAddress.trusting("192.168.4.0/22,2001:db8:1::/48");
    assertTrue(ranges.trusted("192.168.7.255"));
    assertFalse(ranges.trusted("192.168.8.0"));
    assertTrue(ranges.trusted("2001:db8:1:ffff::1"));
    assertFalse(ranges.trusted("2001:db8:2::1"));
    assertFalse(ranges.trusted("localhost"));
    assertFalse(ranges.trusted("192.168.4.1.example.com"));
    assertTrue(ClientAddress.trusting("0.0.0.0/0").trusted("8.8.8.8"));
    assertFalse(NO_PROXY.trusted("127.0.0.1"));
  }

  @Test
  void aBadRangeIsAConfigurationError() {
    assertThrows(IllegalArgumentException.class, () -> ClientAddress.trusting("10.0.0.0/33"));
    assertThrows(IllegalArgumentException.class, () -> ClientAddress.trusting("gateway"));
  }
}

package dev.outboxref.user.api;

import java.util.Arrays;

/**
 * The address of the client a request came from, for limiting sign-ins. Behind {@code trustedHops}
 * proxies that each append the address they saw to {@code X-Forwarded-For}, it is the entry the
 * outermost of them appended; entries further left are the client's own claims and not trusted.
 */
final class ClientAddress {

  private ClientAddress() {}

  static String of(String remoteAddress, String forwardedFor, int trustedHops) {
    if (trustedHops <= 0 || forwardedFor == null || forwardedFor.isBlank()) {
      return remoteAddress;
    }
    String[] hops = Arrays.stream(forwardedFor.split(",")).map(String::trim).toArray(String[]::new);
    if (hops.length < trustedHops) {
      return remoteAddress;
    }
    String address = hops[hops.length - trustedHops];
    return address.isEmpty() ? remoteAddress : address;
  }
}

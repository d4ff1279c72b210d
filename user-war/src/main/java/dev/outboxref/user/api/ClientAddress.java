package dev.outboxref.user.api;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address of the client a request came from, for the request limits. {@code X-Forwarded-For} is
 * believed only when the connection comes from one of the trusted proxies (CIDR ranges; none by
 * default): then the client is the rightmost entry that is not itself a trusted proxy, the last
 * address a proxy of ours saw; entries further left are the client's own claims. From anywhere else
 * the header is ignored and the connection's address counts, whatever the client wrote.
 */
final class ClientAddress {

  /** Longer entries are no address; cut so that a key stays short. */
  private static final int MAX_LENGTH = 64;

  /** Only literals are parsed, so that no entry ever causes a DNS lookup. */
  private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private final List<Range> trustedProxies;

  private ClientAddress(List<Range> trustedProxies) {
    this.trustedProxies = trustedProxies;
  }

  /** From a comma-separated list of CIDR ranges (or single addresses); blank for none. */
  static ClientAddress trusting(String cidrs) {
    List<Range> ranges = new ArrayList<>();
    for (String cidr : cidrs.split(",")) {
      if (!cidr.isBlank()) {
        ranges.add(Range.parse(cidr.trim()));
      }
    }
    return new ClientAddress(List.copyOf(ranges));
  }

  String of(String remoteAddress, String forwardedFor) {
    if (!trusted(remoteAddress) || forwardedFor == null || forwardedFor.isBlank()) {
      return remoteAddress;
    }
    String[] entries = forwardedFor.split(",");
    for (int i = entries.length - 1; i >= 0; i--) {
      String entry = entries[i].trim();
      if (entry.isEmpty()) {
        return remoteAddress; // a proxy of ours would not have appended an empty entry
      }
      if (!trusted(entry)) {
        return entry.length() > MAX_LENGTH ? entry.substring(0, MAX_LENGTH) : entry;
      }
    }
    return remoteAddress; // only proxies of ours: the request began inside
  }

  boolean trusted(String address) {
    if (trustedProxies.isEmpty()) {
      return false;
    }
    Optional<byte[]> bytes = literal(address);
    return bytes.isPresent() && trustedProxies.stream().anyMatch(r -> r.contains(bytes.get()));
  }

  private static Optional<byte[]> literal(String address) {
    if (address == null || !LITERAL.matcher(address).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(address).getAddress());
    } catch (UnknownHostException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** An address range: the first {@code bits} bits of {@code network}. */
  record Range(byte[] network, int bits) {

    static Range parse(String cidr) {
      int slash = cidr.indexOf('/');
      String address = slash < 0 ? cidr : cidr.substring(0, slash);
      byte[] network =
          literal(address)
              .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + cidr));
      int bits = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
      if (bits < 0 || bits > network.length * 8) {
        throw new IllegalArgumentException("prefix length out of range: " + cidr);
      }
      return new Range(network, bits);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int length = network.length * 8;
      BigInteger mask =
          BigInteger.ONE.shiftLeft(length).subtract(BigInteger.ONE).shiftRight(bits).not();
      return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
    }
  }
}

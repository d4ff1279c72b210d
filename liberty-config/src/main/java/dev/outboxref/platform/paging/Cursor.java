package dev.outboxref.platform.paging;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Where a list stops: the sort key (creation time, id) of the last item a page answered; the next
 * page starts after it. Clients see it only as an opaque token ({@link #encode}): base64url of a
 * format byte, the time's seconds and nanoseconds, the id, and a CRC-32 of those, so that a token
 * cut short or changed by hand is refused ({@link #decode}) instead of silently read as another
 * position. The check is not a signature: a forged cursor can only name a position in the list,
 * which any client may ask for anyway.
 */
public record Cursor(Instant createdAt, UUID id) {

  private static final byte FORMAT = 1;
  private static final int PAYLOAD = 1 + 8 + 4 + 16;
  private static final int LENGTH = PAYLOAD + 4;

  /** The token a client sends back to get the next page. */
  public String encode() {
    ByteBuffer bytes = ByteBuffer.allocate(LENGTH);
    bytes.put(FORMAT);
    bytes.putLong(createdAt.getEpochSecond());
    bytes.putInt(createdAt.getNano());
    bytes.putLong(id.getMostSignificantBits());
    bytes.putLong(id.getLeastSignificantBits());
    bytes.putInt((int) crc(bytes.array()));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  /** The cursor a token of {@link #encode} stands for; empty if it is not such a token. */
  public static Optional<Cursor> decode(String token) {
    if (token == null || token.length() > 64) {
      return Optional.empty();
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (raw.length != LENGTH || raw[0] != FORMAT) {
      return Optional.empty();
    }
    ByteBuffer bytes = ByteBuffer.wrap(raw);
    bytes.position(1);
    long seconds = bytes.getLong();
    int nanos = bytes.getInt();
    UUID id = new UUID(bytes.getLong(), bytes.getLong());
    if ((int) crc(raw) != bytes.getInt() || nanos < 0 || nanos > 999_999_999) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Cursor(Instant.ofEpochSecond(seconds, nanos), id));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, PAYLOAD);
    return crc.getValue();
  }
}

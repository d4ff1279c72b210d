package dev.outboxref.platform.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The opaque cursor of keyset pages: what goes in comes out, anything else is refused. */
class CursorTest {

  private static final Cursor CURSOR =
      new Cursor(
          Instant.parse("2026-12-05T16:36:51.123456789Z"),
          UUID.fromString("3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b"));

  @Test
  void aCursorDecodesToItselfToTheNanosecond() {
    assertEquals(Optional.of(CURSOR), Cursor.decode(CURSOR.encode()));
    Cursor epoch = new Cursor(Instant.EPOCH, new UUID(0, 0));
    assertEquals(Optional.of(epoch), Cursor.decode(epoch.encode()));
  }

  @Test
  void theTokenIsUrlSafeWithoutPaddingAndShort() {
    String token = CURSOR.encode();
    assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
    assertEquals(44, token.length());
  }

  @Test
  void everyChangedCharacterIsRefused() {
    String token = CURSOR.encode();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < token.length(); i++) {
      for (char c : alphabet.toCharArray()) {
        if (c == token.charAt(i)) {
          continue;
        }
        String changed = token.substring(0, i) + c + token.substring(i + 1);
        // 33 bytes are exactly 44 characters of 6 bits: each change is a change of the bytes, and
        // CRC-32 sees every change of 32 bits or fewer in a row
        assertEquals(Optional.empty(), Cursor.decode(changed), "accepted " + changed);
      }
    }
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "x",
        "not base64!",
        "AAAA",
        "%2F%2F",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
      })
  void somethingThatIsNoCursorIsRefused(String token) {
    assertEquals(Optional.empty(), Cursor.decode(token));
  }

  @Test
  void anotherFormatOrLengthIsRefusedEvenWithARightChecksum() {
    byte[] raw = Base64.getUrlDecoder().decode(CURSOR.encode());
    byte[] longer = java.util.Arrays.copyOf(raw, raw.length + 3);
    assertEquals(
        Optional.empty(),
        Cursor.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(longer)));
    raw[0] = 2;
    assertEquals(
        Optional.empty(),
        Cursor.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(raw)));
  }

  @Test
  void aPageHasANextCursorOnlyWhenMoreItemsWereRead() {
    List<Cursor> read =
        IntStream.range(0, 3)
            .mapToObj(i -> new Cursor(Instant.ofEpochSecond(i), new UUID(0, i)))
            .toList();
    CursorRequest request = new CursorRequest(null, 2);
    assertEquals(3, request.fetch());

    CursorPage<Cursor> page = request.of(read, c -> c);
    assertEquals(read.subList(0, 2), page.items());
    assertEquals(Optional.of(read.get(1)), Cursor.decode(page.next()));

    CursorPage<Cursor> last = request.of(read.subList(0, 2), c -> c);
    assertEquals(read.subList(0, 2), last.items());
    assertNull(last.next());
    assertNull(request.of(List.<Cursor>of(), c -> c).next());
  }
}

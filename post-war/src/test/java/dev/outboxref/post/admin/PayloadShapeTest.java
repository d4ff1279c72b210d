package dev.outboxref.post.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.proto.events.v1.UserRegistered;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadShapeTest {

  @Test
  void aProtobufPayloadShowsItsFieldsButNoValue() {
    byte[] payload =
        UserEvent.newBuilder()
            .setEventId("e")
            .setUserId("u")
            .setVersion(3)
            .setOccurredAt(Timestamp.newBuilder().setSeconds(1))
            .setRegistered(UserRegistered.newBuilder().setName("Ada Lovelace").setNickname("ada"))
            .build()
            .toByteArray();
    PayloadShape shape = PayloadShape.of(payload);
    assertTrue(shape.protobuf());
    assertEquals(payload.length, shape.bytes());
    assertEquals(64, shape.sha256().length());
    assertEquals(
        List.of(1, 2, 3, 4, 10), shape.fields().stream().map(PayloadShape.Field::number).toList());
    assertEquals(new PayloadShape.Field(3, "VARINT", 1, 2), shape.fields().get(2));
    assertFalse(shape.toString().contains("Ada"), shape.toString());
  }

  @Test
  void somethingElseIsOnlyItsSizeAndHash() {
    PayloadShape shape =
        PayloadShape.of("{\"email\":\"ada@example.com\"".getBytes(StandardCharsets.UTF_8));
    assertFalse(shape.protobuf());
    assertEquals(List.of(), shape.fields());
    assertFalse(shape.toString().contains("ada@"), shape.toString());
    assertEquals(0, PayloadShape.of(null).bytes());
  }
}

package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.proto.events.v1.UserRegistered;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.PostsApi;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.TopicWriter;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deployed consumer against a producer one contract version ahead, as the rules in
 * docs/architecture.md ("Evolving the contracts") allow it to be: events carrying fields this
 * consumer does not know, and an event type it does not know. The bytes are built by hand with
 * protobuf's unknown fields, exactly as a newer producer's messages arrive here.
 */
@ExtendWith(StackExtension.class)
class ContractEvolutionIT {

  @Test
  void newFieldsAreIgnoredAndANewEventTypeIsParkedWhileTheStreamGoesOn(Stack stack)
      throws InvalidProtocolBufferException {
    PostsApi posts = new PostsApi(stack);
    String user = UUID.randomUUID().toString();

    // a registration with a new field in UserRegistered (4) and a new one in UserEvent (6)
    UserEvent registered = TopicWriter.registered(user, "Evolved", "ev");
    UserRegistered withNewField =
        registered.getRegistered().toBuilder()
            .setUnknownFields(unknown(4, lengthDelimited(ByteString.copyFromUtf8("de-CH"))))
            .build();
    byte[] newer =
        registered.toBuilder()
            .setRegistered(withNewField)
            .setUnknownFields(unknown(6, UnknownFieldSet.Field.newBuilder().addVarint(42).build()))
            .build()
            .toByteArray();
    assertTrue(UserEvent.parseFrom(newer).getUnknownFields().hasField(6), "field 6 is on the wire");

    // a new event type: oneof member 14 of `change`, a message with a string field
    ByteString suspended =
        unknown(1, lengthDelimited(ByteString.copyFromUtf8("under review"))).toByteString();
    byte[] newType =
        TopicWriter.event(user, 2)
            .setUnknownFields(unknown(14, lengthDelimited(suspended)))
            .build()
            .toByteArray();

    try (TopicWriter topic = new TopicWriter(stack)) {
      // one key, one partition: in this order
      topic.send(user, newer);
      topic.send(user, newType);
      topic.send(TopicWriter.profileChanged(user, 3, "Evolved three", "ev3"));
    }

    Poll.until(
        "the change after the unknown event type to be applied",
        Duration.ofSeconds(30),
        () -> posts.replica(user),
        r -> r.isPresent() && r.get().version() == 3);
    assertEquals(
        new PostsApi.ReplicaRow(user, "Evolved three", "ev3", 3, false),
        posts.replica(user).orElseThrow());

    List<JsonObject> parked = posts.parkedFor(user);
    assertEquals(1, parked.size(), "only the unknown event type is parked: " + parked);
    String reason = parked.get(0).getString("reason");
    assertTrue(reason.contains("unknown event type"), reason);
    assertTrue(reason.contains("14"), reason);
  }

  @Test
  void anEventWithNewFieldsIsAppliedAsItsKnownFieldsSay(Stack stack) {
    PostsApi posts = new PostsApi(stack);
    String user = UUID.randomUUID().toString();
    UserEvent registered = TopicWriter.registered(user, "Known fields", "kf");
    byte[] newer =
        registered.toBuilder()
            .setRegistered(
                registered.getRegistered().toBuilder()
                    .setUnknownFields(
                        unknown(4, lengthDelimited(ByteString.copyFromUtf8("optional locale")))))
            .build()
            .toByteArray();
    try (TopicWriter topic = new TopicWriter(stack)) {
      topic.send(user, newer);
    }
    Poll.until(
        "the registration with a new field to be applied",
        Duration.ofSeconds(30),
        () -> posts.replica(user),
        r -> r.isPresent());
    assertEquals(
        new PostsApi.ReplicaRow(user, "Known fields", "kf", 1, false),
        posts.replica(user).orElseThrow());
    assertEquals(List.of(), posts.parkedFor(user));
  }

  private static UnknownFieldSet unknown(int number, UnknownFieldSet.Field field) {
    return UnknownFieldSet.newBuilder().addField(number, field).build();
  }

  private static UnknownFieldSet.Field lengthDelimited(ByteString bytes) {
    return UnknownFieldSet.Field.newBuilder().addLengthDelimited(bytes).build();
  }
}

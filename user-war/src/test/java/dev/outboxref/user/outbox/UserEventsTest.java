package dev.outboxref.user.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import dev.outboxref.proto.events.v1.UserCredentialsChanged;
import dev.outboxref.proto.events.v1.UserDeleted;
import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.proto.events.v1.UserProfileChanged;
import dev.outboxref.proto.events.v1.UserRegistered;
import dev.outboxref.user.domain.UserChange;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The events of the contract, field by field, from the changes a user returns. */
class UserEventsTest {

  private static final UUID USER = UUID.fromString("3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b");
  private static final UUID EVENT = UUID.fromString("0c9a7e52-1f3d-4b6a-8e2c-5d7f9a1b3c4e");
  private static final Instant AT = Instant.parse("2026-01-01T10:00:00.123456789Z");

  private static UserEvent.Builder base(long version) {
    return UserEvent.newBuilder()
        .setEventId(EVENT.toString())
        .setUserId(USER.toString())
        .setVersion(version)
        .setCredentialVersion(2)
        .setOccurredAt(Timestamp.newBuilder().setSeconds(AT.getEpochSecond()).setNanos(123456789));
  }

  @Test
  void registered() {
    UserEvent event =
        UserEvents.of(new UserChange.Registered(USER, 1, 2, AT, "Ada Lovelace", "ada"), EVENT);
    UserEvent expected =
        base(1)
            .setRegistered(UserRegistered.newBuilder().setName("Ada Lovelace").setNickname("ada"))
            .build();
    assertEquals(expected, event);
    assertEquals("UserRegistered", UserEvents.type(event));
  }

  @Test
  void profileChanged() {
    UserEvent event =
        UserEvents.of(new UserChange.ProfileChanged(USER, 4, 2, AT, "Ada King", "ada"), EVENT);
    UserEvent expected =
        base(4)
            .setProfileChanged(
                UserProfileChanged.newBuilder().setName("Ada King").setNickname("ada"))
            .build();
    assertEquals(expected, event);
    assertEquals("UserProfileChanged", UserEvents.type(event));
  }

  @Test
  void deleted() {
    UserEvent event = UserEvents.of(new UserChange.Deleted(USER, 5, 2, AT), EVENT);
    assertEquals(base(5).setDeleted(UserDeleted.getDefaultInstance()).build(), event);
    assertEquals("UserDeleted", UserEvents.type(event));
  }

  @Test
  void credentialsChanged() {
    UserEvent event =
        UserEvents.of(new UserChange.CredentialsChanged(USER, 6, 2, AT, "Ada King", "ada"), EVENT);
    UserEvent expected =
        base(6)
            .setCredentialsChanged(
                UserCredentialsChanged.newBuilder().setName("Ada King").setNickname("ada"))
            .build();
    assertEquals(expected, event);
    assertEquals("UserCredentialsChanged", UserEvents.type(event));
  }
}

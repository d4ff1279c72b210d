package dev.outboxref.post.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.outboxref.proto.events.v1.UserCredentialsChanged;
import dev.outboxref.proto.events.v1.UserDeleted;
import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.proto.events.v1.UserProfileChanged;
import dev.outboxref.proto.events.v1.UserRegistered;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the consumer applies, and what it parks with which reason. */
class UserEventDecoderTest {

  private final String userId = UUID.randomUUID().toString();
  private final Instant occurredAt = Instant.parse("2026-11-25T10:15:30.123456789Z");

  @Test
  void eachKnownChangeBecomesTheStateItDescribes() throws PoisonEvent {
    ReplicaChange registered =
        decode(
            event(1).setRegistered(UserRegistered.newBuilder().setName("Ada").setNickname("ada")));
    assertEquals(
        ReplicaChange.profile(UUID.fromString(userId), 1, 1, "Ada", "ada", occurredAt), registered);

    ReplicaChange changed =
        decode(
            event(2)
                .setProfileChanged(
                    UserProfileChanged.newBuilder().setName("Ada L.").setNickname("ada")));
    assertEquals("Ada L.", changed.name());
    assertEquals(2, changed.version());

    ReplicaChange rekeyed =
        decode(
            event(3)
                .setCredentialVersion(2)
                .setCredentialsChanged(
                    UserCredentialsChanged.newBuilder().setName("Ada L.").setNickname("ada")));
    assertEquals(
        ReplicaChange.profile(UUID.fromString(userId), 3, 2, "Ada L.", "ada", occurredAt), rekeyed);

    ReplicaChange deleted =
        decode(event(4).setCredentialVersion(2).setDeleted(UserDeleted.getDefaultInstance()));
    assertEquals(ReplicaChange.deletion(UUID.fromString(userId), 4, 2, occurredAt), deleted);
  }

  @Test
  void anEventFromBeforeTheCredentialVersionHasZeroAndANegativeOneIsPoison() throws PoisonEvent {
    ReplicaChange old =
        decode(
            event(1)
                .clearCredentialVersion()
                .setRegistered(UserRegistered.newBuilder().setName("Ada").setNickname("ada")));
    assertEquals(0, old.credentialVersion());
    assertPoison(
        "credential_version",
        event(2)
            .setCredentialVersion(-1)
            .setProfileChanged(UserProfileChanged.newBuilder().setName("A").setNickname("a"))
            .build()
            .toByteArray());
  }

  @Test
  void recordsThatCanNeverBeAppliedArePoisonWithAReason() {
    assertPoison("not a UserEvent", "garbage".getBytes(StandardCharsets.UTF_8));
    assertPoison("empty record value", new byte[0]);
    assertPoison("unknown event type", event(1).build().toByteArray());
    assertPoison(
        "version must be 1 or more",
        event(0).setDeleted(UserDeleted.getDefaultInstance()).build().toByteArray());
    assertPoison(
        "user_id is not a UUID",
        event(1)
            .setUserId("42")
            .setDeleted(UserDeleted.getDefaultInstance())
            .build()
            .toByteArray());
    assertPoison(
        "registered.name must be 1 to 100 characters",
        event(1)
            .setRegistered(UserRegistered.newBuilder().setName(" ").setNickname("x"))
            .build()
            .toByteArray());
    assertPoison(
        "profile_changed.nickname must be 1 to 50 characters",
        event(2)
            .setProfileChanged(
                UserProfileChanged.newBuilder().setName("x").setNickname("n".repeat(51)))
            .build()
            .toByteArray());
    assertPoison(
        "occurred_at is missing",
        event(1)
            .clearOccurredAt()
            .setDeleted(UserDeleted.getDefaultInstance())
            .build()
            .toByteArray());
  }

  @Test
  void aRecordKeyedByAnotherUserIsPoison() {
    byte[] value = event(1).setDeleted(UserDeleted.getDefaultInstance()).build().toByteArray();
    PoisonEvent e =
        assertThrows(
            PoisonEvent.class, () -> UserEventDecoder.decode(UUID.randomUUID().toString(), value));
    assertTrue(e.getMessage().contains("is not the event's user_id"), e.getMessage());
  }

  private ReplicaChange decode(UserEvent.Builder event) throws PoisonEvent {
    return UserEventDecoder.decode(userId, event.build().toByteArray());
  }

  private void assertPoison(String reason, byte[] value) {
    PoisonEvent e = assertThrows(PoisonEvent.class, () -> UserEventDecoder.decode(userId, value));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  private UserEvent.Builder event(long version) {
    return UserEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setUserId(userId)
        .setVersion(version)
        .setCredentialVersion(1)
        .setOccurredAt(
            Timestamp.newBuilder()
                .setSeconds(occurredAt.getEpochSecond())
                .setNanos(occurredAt.getNano()));
  }
}

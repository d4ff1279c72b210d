package dev.outboxref.post.replica;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.outboxref.platform.text.CanonicalUuid;
import dev.outboxref.proto.events.v1.UserEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * Turns a {@code user-events} record into the replica change it stands for, or says exactly why it
 * cannot (a {@link PoisonEvent}). The checks mirror what the user service guarantees, so a failure
 * here means a producer bug or a foreign record on the topic, not a transient condition.
 */
public final class UserEventDecoder {

  static final int MAX_NAME = 100;
  static final int MAX_NICKNAME = 50;

  private UserEventDecoder() {}

  public static ReplicaChange decode(String key, byte[] value) throws PoisonEvent {
    if (value == null || value.length == 0) {
      throw new PoisonEvent("empty record value: no UserEvent");
    }
    UserEvent event;
    try {
      event = UserEvent.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new PoisonEvent("not a UserEvent protobuf message: " + e.getMessage());
    }
    UUID userId = uuid("user_id", event.getUserId());
    uuid("event_id", event.getEventId());
    if (key != null && !key.equals(event.getUserId())) {
      throw new PoisonEvent(
          "record key '" + key + "' is not the event's user_id " + event.getUserId());
    }
    if (event.getVersion() < 1) {
      throw new PoisonEvent("version must be 1 or more, got " + event.getVersion());
    }
    if (!event.hasOccurredAt()) {
      throw new PoisonEvent("occurred_at is missing");
    }
    Instant occurredAt = instant(event.getOccurredAt());
    if (event.getCredentialVersion() < 0) {
      throw new PoisonEvent(
          "credential_version must be 0 or more, got " + event.getCredentialVersion());
    }
    long credentialVersion = event.getCredentialVersion();
    return switch (event.getChangeCase()) {
      case REGISTERED ->
          ReplicaChange.profile(
              userId,
              event.getVersion(),
              credentialVersion,
              text("registered.name", event.getRegistered().getName(), MAX_NAME),
              text("registered.nickname", event.getRegistered().getNickname(), MAX_NICKNAME),
              occurredAt);
      case PROFILE_CHANGED ->
          ReplicaChange.profile(
              userId,
              event.getVersion(),
              credentialVersion,
              text("profile_changed.name", event.getProfileChanged().getName(), MAX_NAME),
              text(
                  "profile_changed.nickname",
                  event.getProfileChanged().getNickname(),
                  MAX_NICKNAME),
              occurredAt);
      case CREDENTIALS_CHANGED ->
          ReplicaChange.profile(
              userId,
              event.getVersion(),
              credentialVersion,
              text("credentials_changed.name", event.getCredentialsChanged().getName(), MAX_NAME),
              text(
                  "credentials_changed.nickname",
                  event.getCredentialsChanged().getNickname(),
                  MAX_NICKNAME),
              occurredAt);
      case DELETED ->
          ReplicaChange.deletion(userId, event.getVersion(), credentialVersion, occurredAt);
      case CHANGE_NOT_SET ->
          throw new PoisonEvent(
              "unknown event type: no change this consumer knows is set"
                  + (event.getUnknownFields().asMap().isEmpty()
                      ? ""
                      : " (unknown fields " + event.getUnknownFields().asMap().keySet() + ")"));
    };
  }

  private static UUID uuid(String field, String value) throws PoisonEvent {
    return CanonicalUuid.parse(value)
        .orElseThrow(() -> new PoisonEvent(field + " is not a UUID: '" + value + "'"));
  }

  private static String text(String field, String value, int max) throws PoisonEvent {
    if (value.isBlank() || value.length() > max) {
      // the length, not the value: a reason is stored, logged and shown, and the value may be
      // personal data
      throw new PoisonEvent(
          field + " must be 1 to " + max + " characters, got " + value.length() + " characters");
    }
    return value;
  }

  private static Instant instant(Timestamp timestamp) throws PoisonEvent {
    try {
      return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    } catch (RuntimeException e) {
      throw new PoisonEvent("occurred_at is out of range");
    }
  }
}

package dev.outboxref.user.outbox;

import com.google.protobuf.Timestamp;
import dev.outboxref.proto.events.v1.UserCredentialsChanged;
import dev.outboxref.proto.events.v1.UserDeleted;
import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.proto.events.v1.UserProfileChanged;
import dev.outboxref.proto.events.v1.UserRegistered;
import dev.outboxref.user.domain.UserChange;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds the events of the contract (shared-proto) from the changes a user returns ({@link
 * UserChange}): never its password, its hash or its email.
 */
public final class UserEvents {

  /** Where the events are published: the topic, and the relay's messaging channel to it. */
  public static final String DESTINATION = "user-events";

  private UserEvents() {}

  /** The event of a change, with this event id. */
  static UserEvent of(UserChange change, UUID eventId) {
    UserEvent.Builder event =
        base(change.userId(), change.version(), eventId, change.at())
            .setCredentialVersion(change.credentialVersion());
    if (change instanceof UserChange.Registered registered) {
      event.setRegistered(
          UserRegistered.newBuilder()
              .setName(registered.name())
              .setNickname(registered.nickname()));
    } else if (change instanceof UserChange.ProfileChanged changed) {
      event.setProfileChanged(
          UserProfileChanged.newBuilder().setName(changed.name()).setNickname(changed.nickname()));
    } else if (change instanceof UserChange.CredentialsChanged changed) {
      event.setCredentialsChanged(
          UserCredentialsChanged.newBuilder()
              .setName(changed.name())
              .setNickname(changed.nickname()));
    } else {
      event.setDeleted(UserDeleted.getDefaultInstance());
    }
    return event.build();
  }

  /** The event type as written in the {@code event-type} header and the outbox. */
  static String type(UserEvent event) {
    return switch (event.getChangeCase()) {
      case REGISTERED -> "UserRegistered";
      case PROFILE_CHANGED -> "UserProfileChanged";
      case DELETED -> "UserDeleted";
      case CREDENTIALS_CHANGED -> "UserCredentialsChanged";
      case CHANGE_NOT_SET -> throw new IllegalArgumentException("event without a change");
    };
  }

  private static UserEvent.Builder base(UUID userId, long version, UUID eventId, Instant at) {
    return UserEvent.newBuilder()
        .setEventId(eventId.toString())
        .setUserId(userId.toString())
        .setVersion(version)
        .setOccurredAt(
            Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()));
  }
}

package dev.outboxref.user.outbox;

import com.google.protobuf.Timestamp;
import dev.outboxref.proto.events.v1.UserDeleted;
import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.proto.events.v1.UserProfileChanged;
import dev.outboxref.proto.events.v1.UserRegistered;
import dev.outboxref.user.domain.User;
import java.time.Instant;
import java.util.UUID;

/** Builds the events of the contract (shared-proto) from a user's state: never its password. */
public final class UserEvents {

  private UserEvents() {}

  public static UserEvent registered(User user, UUID eventId, Instant at) {
    return base(user.id(), user.version(), eventId, at)
        .setRegistered(
            UserRegistered.newBuilder()
                .setEmail(user.email())
                .setName(user.name())
                .setNickname(user.nickname()))
        .build();
  }

  public static UserEvent profileChanged(User user, UUID eventId, Instant at) {
    return base(user.id(), user.version(), eventId, at)
        .setProfileChanged(
            UserProfileChanged.newBuilder().setName(user.name()).setNickname(user.nickname()))
        .build();
  }

  /** For a user already marked deleted ({@link User#delete}): carries its final version. */
  public static UserEvent deleted(User user, UUID eventId, Instant at) {
    return base(user.id(), user.version(), eventId, at)
        .setDeleted(UserDeleted.getDefaultInstance())
        .build();
  }

  /** The event type as written in the {@code event-type} header and the outbox. */
  public static String type(UserEvent event) {
    return switch (event.getChangeCase()) {
      case REGISTERED -> "UserRegistered";
      case PROFILE_CHANGED -> "UserProfileChanged";
      case DELETED -> "UserDeleted";
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

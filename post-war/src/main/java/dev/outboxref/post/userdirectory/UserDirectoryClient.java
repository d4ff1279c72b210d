package dev.outboxref.post.userdirectory;

import dev.outboxref.proto.users.v1.DigestUsersRequest;
import dev.outboxref.proto.users.v1.DigestUsersResponse;
import dev.outboxref.proto.users.v1.GetUserRequest;
import dev.outboxref.proto.users.v1.GetUsersRequest;
import dev.outboxref.proto.users.v1.GetUsersResponse;
import dev.outboxref.proto.users.v1.ListUserDigestsRequest;
import dev.outboxref.proto.users.v1.ListUserDigestsResponse;
import dev.outboxref.proto.users.v1.StreamUsersRequest;
import dev.outboxref.proto.users.v1.User;
import dev.outboxref.proto.users.v1.UserDirectoryGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Iterator;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.Metric;

/**
 * The calls to the user service's user directory, on its one channel ({@link
 * UserDirectoryChannel}).
 *
 * <p>Every call carries a deadline ({@code user-service.grpc.deadline.ms}, default 300 ms). {@link
 * #getUser} is guarded with MicroProfile Fault Tolerance: UNAVAILABLE is retried twice with jitter;
 * when half of the last 8 calls failed the circuit opens for 5 s and calls fail at once, so a dead
 * user service costs callers microseconds, not deadlines. Any of these values can be overridden
 * with MicroProfile Config, e.g. {@code
 * dev.outboxref.post.userdirectory.UserDirectoryClient/getUser/CircuitBreaker/delay=10000}.
 */
@ApplicationScoped
public class UserDirectoryClient {

  @Inject UserDirectoryChannel directory;

  @Inject
  @ConfigProperty(name = "user-service.grpc.deadline.ms", defaultValue = "300")
  long deadlineMs;

  @Inject
  @ConfigProperty(name = "user-service.grpc.stream-deadline.ms", defaultValue = "600000")
  long streamDeadlineMs;

  @Inject
  @ConfigProperty(name = "user-service.grpc.verification-deadline.ms", defaultValue = "30000")
  long verificationDeadlineMs;

  /** Each GetUser attempt, successful or not (Prometheus user_directory_call_seconds). */
  @Inject
  @Metric(
      name = "user.directory.call",
      absolute = true,
      tags = "method=GetUser",
      description = "Duration of each call to the user directory over gRPC, failures included")
  Timer getUserTimer;

  /** The user, deleted ones included; empty if the id never existed. */
  @Timeout(1000) // per attempt; a safety net behind the gRPC deadline
  @Retry(
      retryOn = UserServiceUnavailable.class,
      maxRetries = 2,
      delay = 50,
      jitter = 25,
      maxDuration = 3000)
  @CircuitBreaker(
      requestVolumeThreshold = 8,
      failureRatio = 0.5,
      delay = 5000,
      successThreshold = 2)
  public Optional<DirectoryUser> getUser(UUID id) {
    try (Timer.Context timed = getUserTimer.time()) {
      User user =
          UserDirectoryGrpc.newBlockingStub(directory.channel())
              .withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS)
              .getUser(GetUserRequest.newBuilder().setUserId(id.toString()).build());
      return Optional.of(DirectoryUser.of(user));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw failure(e);
    }
  }

  /**
   * Every user after {@code afterUserId} (null: from the start) in id order. The iterator pulls one
   * message at a time from the stream (gRPC flow control), so memory stays flat however many users
   * there are; it throws {@link UserServiceException} if the stream breaks.
   */
  public Iterator<DirectoryUser> streamUsers(UUID afterUserId) {
    Iterator<User> users =
        UserDirectoryGrpc.newBlockingStub(directory.channel())
            .withDeadlineAfter(streamDeadlineMs, TimeUnit.MILLISECONDS)
            .streamUsers(
                StreamUsersRequest.newBuilder()
                    .setAfterUserId(afterUserId == null ? "" : afterUserId.toString())
                    .build());
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        try {
          return users.hasNext();
        } catch (StatusRuntimeException e) {
          throw failure(e);
        }
      }

      @Override
      public DirectoryUser next() {
        try {
          return DirectoryUser.of(users.next());
        } catch (StatusRuntimeException e) {
          throw failure(e);
        }
      }
    };
  }

  /**
   * The users of these ids (at most 100), deleted ones included, and the ids that never existed.
   */
  public DirectoryUsers getUsers(Collection<UUID> ids) {
    try {
      GetUsersResponse answer =
          UserDirectoryGrpc.newBlockingStub(directory.channel())
              .withDeadlineAfter(verificationDeadlineMs, TimeUnit.MILLISECONDS)
              .getUsers(
                  GetUsersRequest.newBuilder()
                      .addAllUserIds(ids.stream().map(UUID::toString).toList())
                      .build());
      return new DirectoryUsers(
          answer.getUsersList().stream().map(DirectoryUser::of).toList(),
          answer.getMissingUserIdsList().stream().map(UUID::fromString).toList());
    } catch (StatusRuntimeException e) {
      throw failure(e);
    }
  }

  /** DigestUsers: the buckets of the directory's live users (replica verification). */
  public DigestUsersResponse digestUsers(String prefix, int digits) {
    try {
      return UserDirectoryGrpc.newBlockingStub(directory.channel())
          .withDeadlineAfter(verificationDeadlineMs, TimeUnit.MILLISECONDS)
          .digestUsers(DigestUsersRequest.newBuilder().setPrefix(prefix).setDigits(digits).build());
    } catch (StatusRuntimeException e) {
      throw failure(e);
    }
  }

  /** ListUserDigests: the live users of one bucket (replica verification). */
  public ListUserDigestsResponse listUserDigests(String prefix) {
    try {
      return UserDirectoryGrpc.newBlockingStub(directory.channel())
          .withDeadlineAfter(verificationDeadlineMs, TimeUnit.MILLISECONDS)
          .listUserDigests(ListUserDigestsRequest.newBuilder().setPrefix(prefix).build());
    } catch (StatusRuntimeException e) {
      throw failure(e);
    }
  }

  private UserServiceException failure(StatusRuntimeException e) {
    Status status = e.getStatus();
    String message =
        "user directory at "
            + directory.target()
            + ": "
            + status.getCode()
            + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")");
    return status.getCode() == Status.Code.UNAVAILABLE
        ? new UserServiceUnavailable(message, e)
        : new UserServiceException(message, e);
  }
}

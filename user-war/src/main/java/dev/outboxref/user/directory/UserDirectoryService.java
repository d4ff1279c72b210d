package dev.outboxref.user.directory;

import dev.outboxref.platform.digest.IdPrefix;
import dev.outboxref.platform.text.CanonicalUuid;
import dev.outboxref.proto.users.v1.DigestUsersRequest;
import dev.outboxref.proto.users.v1.DigestUsersResponse;
import dev.outboxref.proto.users.v1.GetUserRequest;
import dev.outboxref.proto.users.v1.GetUsersRequest;
import dev.outboxref.proto.users.v1.GetUsersResponse;
import dev.outboxref.proto.users.v1.ListUserDigestsRequest;
import dev.outboxref.proto.users.v1.ListUserDigestsResponse;
import dev.outboxref.proto.users.v1.StreamUsersRequest;
import dev.outboxref.proto.users.v1.UserDigest;
import dev.outboxref.proto.users.v1.UserDirectoryGrpc;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The user directory over gRPC, served by Liberty's grpc feature on the HTTP port (HTTP/2). Bad
 * arguments are INVALID_ARGUMENT, unknown ids NOT_FOUND, each with a message a caller can act on
 * ({@link DirectoryErrors}). Liberty creates this class itself, so it looks its CDI collaborators
 * up instead of injecting them.
 */
public class UserDirectoryService extends UserDirectoryGrpc.UserDirectoryImplBase {

  static final int MAX_IDS = 100;

  /** At most this many users in one ListUserDigests answer (about 300 KB). */
  static final int MAX_DIGESTS = 10_000;

  private final Supplier<UserSource> users;
  private final Supplier<UserDigestQueries> digests;
  private final Supplier<UserStreams> streams;
  private final int pageSize;

  /**
   * As Liberty creates it: users from the database, page size from the configuration. The bean is
   * looked up here, on the thread that initialises the service, not per call: a call can run on a
   * gRPC thread without the application's context, where {@code CDI.current()} fails with "Could
   * not find deployment" (seen after a client cancelled a call).
   */
  public UserDirectoryService() {
    this(
        fixed(CDI.current().select(UserDirectoryQueries.class).get()),
        fixed(CDI.current().select(UserDigestQueries.class).get()),
        fixed(CDI.current().select(UserStreams.class).get()),
        ConfigProvider.getConfig()
            .getOptionalValue("user-directory.stream-page-size", Integer.class)
            .orElse(500));
  }

  UserDirectoryService(
      Supplier<UserSource> users,
      Supplier<UserDigestQueries> digests,
      Supplier<UserStreams> streams,
      int pageSize) {
    this.users = users;
    this.digests = digests;
    this.streams = streams;
    this.pageSize = pageSize;
  }

  @Override
  public void getUser(
      GetUserRequest request, StreamObserver<dev.outboxref.proto.users.v1.User> response) {
    Optional<UUID> parsed = CanonicalUuid.parse(request.getUserId());
    if (parsed.isEmpty()) {
      response.onError(DirectoryErrors.invalidId("user_id", request.getUserId()));
      return;
    }
    UUID id = parsed.get();
    users
        .get()
        .find(id)
        .ifPresentOrElse(
            user -> {
              response.onNext(UserMessages.of(user));
              response.onCompleted();
            },
            () -> response.onError(DirectoryErrors.notFound(id)));
  }

  @Override
  public void getUsers(GetUsersRequest request, StreamObserver<GetUsersResponse> response) {
    if (request.getUserIdsCount() > MAX_IDS) {
      response.onError(DirectoryErrors.tooManyIds(MAX_IDS, request.getUserIdsCount()));
      return;
    }
    Set<UUID> ids = new LinkedHashSet<>();
    for (String raw : request.getUserIdsList()) {
      Optional<UUID> id = CanonicalUuid.parse(raw);
      if (id.isEmpty()) {
        response.onError(DirectoryErrors.invalidId("user_ids", raw));
        return;
      }
      ids.add(id.get());
    }
    GetUsersResponse.Builder answer = GetUsersResponse.newBuilder();
    Set<UUID> found = new HashSet<>();
    if (!ids.isEmpty()) {
      for (var user : users.get().findAll(ids)) {
        answer.addUsers(UserMessages.of(user));
        found.add(user.id());
      }
    }
    ids.stream()
        .filter(id -> !found.contains(id))
        .forEach(id -> answer.addMissingUserIds(id.toString()));
    response.onNext(answer.build());
    response.onCompleted();
  }

  @Override
  public void streamUsers(
      StreamUsersRequest request, StreamObserver<dev.outboxref.proto.users.v1.User> response) {
    UUID after = null;
    if (!request.getAfterUserId().isEmpty()) {
      after = CanonicalUuid.parse(request.getAfterUserId()).orElse(null);
      if (after == null) {
        response.onError(DirectoryErrors.invalidId("after_user_id", request.getAfterUserId()));
        return;
      }
    }
    UserStreams open = streams.get();
    if (!open.tryOpen()) {
      response.onError(DirectoryErrors.tooManyStreams(open.maxConcurrent()));
      return;
    }
    // one page in memory at a time; the caller resumes with after_user_id if the stream breaks
    new UserStream(
            (ServerCallStreamObserver<dev.outboxref.proto.users.v1.User>) response,
            users.get(),
            pageSize,
            open,
            after)
        .start(deadline(open.maxDuration()));
  }

  /** The server's limit for one stream, or the caller's deadline if that comes first. */
  private static Duration deadline(Duration limit) {
    Deadline caller = Context.current().getDeadline();
    if (caller == null) {
      return limit;
    }
    Duration left = Duration.ofNanos(caller.timeRemaining(TimeUnit.NANOSECONDS));
    return left.compareTo(limit) < 0 ? left : limit;
  }

  @Override
  public void digestUsers(
      DigestUsersRequest request, StreamObserver<DigestUsersResponse> response) {
    Optional<IdPrefix> prefix = IdPrefix.parse(request.getPrefix());
    if (prefix.isEmpty() || prefix.get().length() == IdPrefix.MAX_DIGITS) {
      response.onError(
          DirectoryErrors.invalidPrefix("prefix", request.getPrefix(), 0, IdPrefix.MAX_DIGITS - 1));
      return;
    }
    int digits = request.getDigits();
    if (digits <= prefix.get().length() || digits > IdPrefix.MAX_DIGITS) {
      response.onError(DirectoryErrors.invalidDigits(digits));
      return;
    }
    response.onNext(
        DigestUsersResponse.newBuilder()
            .addAllBuckets(digests.get().buckets(prefix.get(), digits))
            .build());
    response.onCompleted();
  }

  @Override
  public void listUserDigests(
      ListUserDigestsRequest request, StreamObserver<ListUserDigestsResponse> response) {
    Optional<IdPrefix> prefix = IdPrefix.parse(request.getPrefix());
    if (prefix.isEmpty() || prefix.get().length() < 2) {
      response.onError(
          DirectoryErrors.invalidPrefix("prefix", request.getPrefix(), 2, IdPrefix.MAX_DIGITS));
      return;
    }
    List<UserDigest> found = digests.get().users(prefix.get(), MAX_DIGESTS + 1);
    if (found.size() > MAX_DIGESTS) {
      response.onError(DirectoryErrors.tooManyDigests(MAX_DIGESTS, request.getPrefix()));
      return;
    }
    response.onNext(ListUserDigestsResponse.newBuilder().addAllUsers(found).build());
    response.onCompleted();
  }

  private static <T> Supplier<T> fixed(T source) {
    return () -> source;
  }
}

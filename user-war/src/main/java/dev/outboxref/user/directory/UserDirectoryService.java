package dev.outboxref.user.directory;

import dev.outboxref.platform.digest.IdPrefix;
import dev.outboxref.platform.text.CanonicalUuid;
import dev.outboxref.platform.text.TextRules;
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
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.inject.spi.CDI;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The user directory over gRPC, served by Liberty's grpc feature on the HTTP port (HTTP/2). Bad
 * arguments are INVALID_ARGUMENT, unknown ids NOT_FOUND, each with a message a caller can act on.
 * Liberty creates this class itself, so it looks its CDI collaborators up instead of injecting
 * them.
 */
public class UserDirectoryService extends UserDirectoryGrpc.UserDirectoryImplBase {

  static final int MAX_IDS = 100;
  private static final long READY_POLL_NANOS = 1_000_000;

  /** At most this many users in one ListUserDigests answer (about 300 KB). */
  static final int MAX_DIGESTS = 10_000;

  private final Supplier<UserSource> users;
  private final Supplier<UserDigestQueries> digests;
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
        ConfigProvider.getConfig()
            .getOptionalValue("user-directory.stream-page-size", Integer.class)
            .orElse(500));
  }

  UserDirectoryService(
      Supplier<UserSource> users, Supplier<UserDigestQueries> digests, int pageSize) {
    this.users = users;
    this.digests = digests;
    this.pageSize = pageSize;
  }

  @Override
  public void getUser(
      GetUserRequest request, StreamObserver<dev.outboxref.proto.users.v1.User> response) {
    Optional<UUID> parsed = CanonicalUuid.parse(request.getUserId());
    if (parsed.isEmpty()) {
      response.onError(invalidId("user_id", request.getUserId()));
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
            () ->
                response.onError(
                    Status.NOT_FOUND
                        .withDescription("No user " + id + " has ever existed.")
                        .asRuntimeException()));
  }

  @Override
  public void getUsers(GetUsersRequest request, StreamObserver<GetUsersResponse> response) {
    if (request.getUserIdsCount() > MAX_IDS) {
      response.onError(
          Status.INVALID_ARGUMENT
              .withDescription(
                  "At most "
                      + MAX_IDS
                      + " user_ids per call, got "
                      + request.getUserIdsCount()
                      + ".")
              .asRuntimeException());
      return;
    }
    Set<UUID> ids = new LinkedHashSet<>();
    for (String raw : request.getUserIdsList()) {
      Optional<UUID> id = CanonicalUuid.parse(raw);
      if (id.isEmpty()) {
        response.onError(invalidId("user_ids", raw));
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
        response.onError(invalidId("after_user_id", request.getAfterUserId()));
        return;
      }
    }
    ServerCallStreamObserver<?> call = (ServerCallStreamObserver<?>) response;
    UserSource source = users.get();
    // one page in memory at a time; the caller resumes with after_user_id if the stream breaks
    while (!call.isCancelled()) {
      List<dev.outboxref.user.domain.User> page = source.pageAfter(after, pageSize);
      for (var user : page) {
        awaitReady(call);
        response.onNext(UserMessages.of(user));
      }
      if (page.size() < pageSize) {
        break;
      }
      after = page.get(page.size() - 1).id();
    }
    if (!call.isCancelled()) {
      response.onCompleted();
    }
  }

  @Override
  public void digestUsers(
      DigestUsersRequest request, StreamObserver<DigestUsersResponse> response) {
    Optional<IdPrefix> prefix = IdPrefix.parse(request.getPrefix());
    if (prefix.isEmpty() || prefix.get().length() == IdPrefix.MAX_DIGITS) {
      response.onError(invalidPrefix("prefix", request.getPrefix(), 0, IdPrefix.MAX_DIGITS - 1));
      return;
    }
    int digits = request.getDigits();
    if (digits <= prefix.get().length() || digits > IdPrefix.MAX_DIGITS) {
      response.onError(
          Status.INVALID_ARGUMENT
              .withDescription(
                  "digits must be more than the prefix's length and at most "
                      + IdPrefix.MAX_DIGITS
                      + ", got "
                      + digits
                      + ".")
              .asRuntimeException());
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
      response.onError(invalidPrefix("prefix", request.getPrefix(), 2, IdPrefix.MAX_DIGITS));
      return;
    }
    List<UserDigest> found = digests.get().users(prefix.get(), MAX_DIGESTS + 1);
    if (found.size() > MAX_DIGESTS) {
      response.onError(
          Status.FAILED_PRECONDITION
              .withDescription(
                  "More than "
                      + MAX_DIGESTS
                      + " users start with '"
                      + request.getPrefix()
                      + "': ask for longer prefixes.")
              .asRuntimeException());
      return;
    }
    response.onNext(ListUserDigestsResponse.newBuilder().addAllUsers(found).build());
    response.onCompleted();
  }

  /**
   * Flow control: sends only while the transport can take more (the client keeps up), instead of
   * buffering a slow client's whole stream in memory. This thread is the call's own, so the
   * on-ready callback could not run while it waits: it polls {@code isReady()} (thread-safe).
   */
  private static void awaitReady(ServerCallStreamObserver<?> call) {
    while (!call.isReady() && !call.isCancelled()) {
      LockSupport.parkNanos(READY_POLL_NANOS);
    }
  }

  private static <T> Supplier<T> fixed(T source) {
    return () -> source;
  }

  private static RuntimeException invalidPrefix(String field, String value, int min, int max) {
    return Status.INVALID_ARGUMENT
        .withDescription(
            field
                + " must be "
                + min
                + " to "
                + max
                + " lower-case hex digits, got '"
                + TextRules.excerpt(value)
                + "'.")
        .asRuntimeException();
  }

  private static RuntimeException invalidId(String field, String value) {
    return Status.INVALID_ARGUMENT
        .withDescription(
            field
                + " must be a UUID such as 3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b, got '"
                + TextRules.excerpt(value)
                + "'.")
        .asRuntimeException();
  }
}

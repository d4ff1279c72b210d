package dev.outboxref.user.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.proto.users.v1.DigestUsersRequest;
import dev.outboxref.proto.users.v1.GetUserRequest;
import dev.outboxref.proto.users.v1.GetUsersRequest;
import dev.outboxref.proto.users.v1.GetUsersResponse;
import dev.outboxref.proto.users.v1.ListUserDigestsRequest;
import dev.outboxref.proto.users.v1.StreamUsersRequest;
import dev.outboxref.proto.users.v1.UserDirectoryGrpc;
import dev.outboxref.user.domain.User;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The directory's logic on an in-process gRPC server, with users from a list instead of a database.
 */
class UserDirectoryServiceTest {

  private final List<User> users = new ArrayList<>();
  private final AtomicInteger pagesRead = new AtomicInteger();
  private Server server;
  private ManagedChannel channel;
  private UserDirectoryGrpc.UserDirectoryBlockingStub directory;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final UserStreams streams = new UserStreams(2, Duration.ofSeconds(1), timer);

  @BeforeEach
  void start() throws Exception {
    for (int i = 0; i < 5; i++) {
      users.add(
          User.register(
                  "u" + i + "@example.com",
                  "User " + i,
                  "u" + i,
                  "pbkdf2-sha256$1$x$y",
                  Instant.now())
              .user());
    }
    users.get(2).delete(Instant.now());
    users.sort(Comparator.comparing(u -> u.id().toString()));
    String name = InProcessServerBuilder.generateName();
    server =
        // the server's own threads, as on Liberty: a streaming call waits for the client to read
        InProcessServerBuilder.forName(name)
            .addService(
                new UserDirectoryService(() -> new ListSource(), () -> null, () -> streams, 2))
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    directory = UserDirectoryGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
    timer.shutdownNow();
  }

  @Test
  void getUserAnswersNamesVersionAndDeletedFlagOnly() {
    User live = users.stream().filter(u -> !u.isDeleted()).findFirst().orElseThrow();
    var answer =
        directory.getUser(GetUserRequest.newBuilder().setUserId(live.id().toString()).build());
    assertEquals(live.name(), answer.getName());
    assertEquals(1, answer.getVersion());
    assertFalse(answer.getDeleted());
    assertFalse(answer.toString().contains("@example.com"), answer.toString());

    User deleted = users.stream().filter(User::isDeleted).findFirst().orElseThrow();
    var tombstone =
        directory.getUser(GetUserRequest.newBuilder().setUserId(deleted.id().toString()).build());
    assertTrue(tombstone.getDeleted());
    assertEquals(2, tombstone.getVersion());
    assertEquals("", tombstone.getName());
  }

  @Test
  void digestsTakeOnlyHexPrefixesOfTheirRange() {
    for (var request :
        List.of(
            DigestUsersRequest.newBuilder().setPrefix("ABC").setDigits(4).build(),
            DigestUsersRequest.newBuilder().setPrefix("abcd").setDigits(4).build(),
            DigestUsersRequest.newBuilder().setPrefix("ab").setDigits(2).build(),
            DigestUsersRequest.newBuilder().setPrefix("").setDigits(5).build())) {
      assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> directory.digestUsers(request)));
    }
    for (String prefix : List.of("", "a", "abcde", "zz")) {
      assertEquals(
          Status.Code.INVALID_ARGUMENT,
          code(
              () ->
                  directory.listUserDigests(
                      ListUserDigestsRequest.newBuilder().setPrefix(prefix).build())));
    }
  }

  @Test
  void unknownIsNotFoundAndMalformedIsInvalidArgument() {
    assertEquals(
        Status.Code.NOT_FOUND,
        code(
            () ->
                directory.getUser(
                    GetUserRequest.newBuilder().setUserId(UUID.randomUUID().toString()).build())));
    assertEquals(
        Status.Code.INVALID_ARGUMENT,
        code(() -> directory.getUser(GetUserRequest.newBuilder().setUserId("").build())));
    assertEquals(
        Status.Code.INVALID_ARGUMENT,
        code(
            () ->
                directory.getUser(GetUserRequest.newBuilder().setUserId("x".repeat(36)).build())));
    assertEquals(
        Status.Code.INVALID_ARGUMENT,
        code(
            () ->
                directory.getUsers(
                    GetUsersRequest.newBuilder()
                        .addUserIds(users.get(0).id().toString())
                        .addUserIds("nope")
                        .build())));
    assertEquals(
        Status.Code.INVALID_ARGUMENT,
        code(
            () ->
                directory
                    .streamUsers(StreamUsersRequest.newBuilder().setAfterUserId("nope").build())
                    .hasNext()));
  }

  @Test
  void getUsersListsWhatItFoundAndWhatNeverExisted() {
    String missing = UUID.randomUUID().toString();
    GetUsersResponse answer =
        directory.getUsers(
            GetUsersRequest.newBuilder()
                .addUserIds(users.get(0).id().toString())
                .addUserIds(missing)
                .addUserIds(users.get(0).id().toString())
                .build());
    assertEquals(1, answer.getUsersCount(), "a repeated id is answered once");
    assertEquals(List.of(missing), answer.getMissingUserIdsList());

    GetUsersRequest.Builder tooMany = GetUsersRequest.newBuilder();
    for (int i = 0; i <= UserDirectoryService.MAX_IDS; i++) {
      tooMany.addUserIds(UUID.randomUUID().toString());
    }
    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> directory.getUsers(tooMany.build()));
    assertTrue(
        e.getStatus().getDescription().contains("At most 100"), e.getStatus().getDescription());
  }

  @Test
  void streamsEveryUserInIdOrderPageByPageAndResumes() {
    List<String> streamed = new ArrayList<>();
    directory
        .streamUsers(StreamUsersRequest.getDefaultInstance())
        .forEachRemaining(u -> streamed.add(u.getUserId()));
    assertEquals(users.stream().map(u -> u.id().toString()).toList(), streamed);
    assertEquals(3, pagesRead.get(), "5 users in pages of 2");

    List<String> rest = new ArrayList<>();
    directory
        .streamUsers(StreamUsersRequest.newBuilder().setAfterUserId(streamed.get(2)).build())
        .forEachRemaining(u -> rest.add(u.getUserId()));
    assertEquals(streamed.subList(3, 5), rest);
  }

  @Test
  void aStreamWhoseClientDoesNotReadWaitsWithoutAThreadAndEndsAtTheServersDeadline()
      throws Exception {
    CompletableFuture<Status> first = stalledStream(CallOptions.DEFAULT);
    CompletableFuture<Status> second = stalledStream(CallOptions.DEFAULT);
    await(() -> streams.open() == 2);

    Status refused = stalledStream(CallOptions.DEFAULT).get(5, TimeUnit.SECONDS);
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getCode(), refused.toString());
    assertEquals(0, pagesRead.get(), "nothing read while no client asks for a message");

    assertEquals(Status.Code.DEADLINE_EXCEEDED, first.get(5, TimeUnit.SECONDS).getCode());
    assertEquals(Status.Code.DEADLINE_EXCEEDED, second.get(5, TimeUnit.SECONDS).getCode());
    await(() -> streams.open() == 0);
    List<String> all = new ArrayList<>();
    directory
        .streamUsers(StreamUsersRequest.getDefaultInstance())
        .forEachRemaining(u -> all.add(u.getUserId()));
    assertEquals(5, all.size(), "the places are given back");
  }

  @Test
  void aShorterDeadlineOfTheCallerWinsAndACancelGivesThePlaceBack() throws Exception {
    Status ended =
        stalledStream(CallOptions.DEFAULT.withDeadlineAfter(200, TimeUnit.MILLISECONDS))
            .get(900, TimeUnit.MILLISECONDS);
    assertEquals(Status.Code.DEADLINE_EXCEEDED, ended.getCode());
    await(() -> streams.open() == 0);

    ClientCall<StreamUsersRequest, dev.outboxref.proto.users.v1.User> call =
        channel.newCall(UserDirectoryGrpc.getStreamUsersMethod(), CallOptions.DEFAULT);
    call.start(new ClientCall.Listener<>() {}, new Metadata());
    call.sendMessage(StreamUsersRequest.getDefaultInstance());
    call.halfClose();
    await(() -> streams.open() == 1);
    call.cancel("the client gives up", null);
    await(() -> streams.open() == 0);
  }

  /** A StreamUsers call whose client never asks for a message; completes with its status. */
  private CompletableFuture<Status> stalledStream(CallOptions options) {
    CompletableFuture<Status> closed = new CompletableFuture<>();
    ClientCall<StreamUsersRequest, dev.outboxref.proto.users.v1.User> call =
        channel.newCall(UserDirectoryGrpc.getStreamUsersMethod(), options);
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onClose(Status status, Metadata trailers) {
            closed.complete(status);
          }
        },
        new Metadata());
    call.sendMessage(StreamUsersRequest.getDefaultInstance());
    call.halfClose();
    return closed;
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "condition not met within 5 s");
      Thread.sleep(10);
    }
  }

  @Test
  void aHostileIdIsQuotedBackShortAndPrintable() {
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                directory.getUser(
                    GetUserRequest.newBuilder().setUserId("\u0000" + "x".repeat(100_000)).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals(
        "user_id must be a UUID such as 3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b, got '\\u0000"
            + "x".repeat(39)
            + "...'.",
        e.getStatus().getDescription());
  }

  private static Status.Code code(Runnable call) {
    return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
  }

  /** The users above, in id order as PostgreSQL sorts uuids. */
  private final class ListSource implements UserSource {
    @Override
    public Optional<User> find(UUID id) {
      return users.stream().filter(u -> u.id().equals(id)).findFirst();
    }

    @Override
    public List<User> findAll(Collection<UUID> ids) {
      return users.stream().filter(u -> ids.contains(u.id())).toList();
    }

    @Override
    public List<User> pageAfter(UUID after, int size) {
      pagesRead.incrementAndGet();
      return users.stream()
          .filter(u -> after == null || u.id().toString().compareTo(after.toString()) > 0)
          .limit(size)
          .toList();
    }
  }
}

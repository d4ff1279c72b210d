package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.proto.users.v1.GetUserRequest;
import dev.outboxref.proto.users.v1.StreamUsersRequest;
import dev.outboxref.proto.users.v1.User;
import dev.outboxref.proto.users.v1.UserDirectoryGrpc;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import it.dev.outboxref.support.Metrics;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.UsersApi;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * StreamUsers against a client that stops reading: the server holds the stream without polling (the
 * gauge user_directory_streams_open counts it, other calls keep answering), ends it at its deadline
 * (USER_DIRECTORY_STREAM_MAX_SECONDS, 5 s in the test stack; a write waiting for the client's
 * window gives up at HTTP_WRITE_TIMEOUT, also 5 s there), and refuses streams beyond
 * USER_DIRECTORY_STREAM_MAX_CONCURRENT (4) with RESOURCE_EXHAUSTED.
 */
@ExtendWith(StackExtension.class)
class UserStreamLimitsIT {

  private static final int MAX_CONCURRENT = 4;
  private static final Duration SERVER_DEADLINE = Duration.ofSeconds(5);

  /** More users than the transport buffers for a client that reads nothing. */
  private static final int USERS = 120;

  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<ClientCall<StreamUsersRequest, User>> calls = new ArrayList<>();

  @AfterEach
  void closeChannels() throws InterruptedException {
    calls.forEach(c -> c.cancel("test over", null));
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void beyondTheLimitStreamsAreRefusedAndStalledOnesEndWithinSeconds(Stack stack) throws Exception {
    long users = atLeastUsers(stack, USERS);
    List<Stalled> stalled = new ArrayList<>();
    for (int i = 0; i < MAX_CONCURRENT; i++) {
      stalled.add(stalledStream(stack));
    }
    long opened = System.nanoTime();
    // a call is started on the client before the server has admitted it: wait until all four hold
    // their places, else the fifth can take one of them and be served
    Poll.until(
        "the stalled streams to hold every place",
        Duration.ofSeconds(10),
        () -> open(stack) == MAX_CONCURRENT);

    // one more is refused while they wait for their clients (before, it was served)
    Status status =
        Poll.until(
            "a stream beyond the limit to be refused",
            Duration.ofSeconds(10),
            () -> readAll(stack),
            s -> s.getCode() == Status.Code.RESOURCE_EXHAUSTED);
    assertTrue(status.getDescription().contains("At most 4"), status.getDescription());
    assertEquals(MAX_CONCURRENT, open(stack), "user_directory_streams_open");

    // the parked streams hold no thread: the server answers other calls meanwhile
    String anyone = new UsersApi(stack.userService()).register("streamlimits").getString("id");
    for (int i = 0; i < 20; i++) {
      assertEquals(
          anyone,
          directory(stack)
              .getUser(GetUserRequest.newBuilder().setUserId(anyone).build())
              .getUserId());
    }

    // the server ends them at its deadline, though their clients never read
    Poll.until(
        "the parked streams to end at the server's deadline",
        SERVER_DEADLINE.plusSeconds(10),
        () -> open(stack) == 0);
    Duration took = Duration.ofNanos(System.nanoTime() - opened);
    assertTrue(
        took.compareTo(SERVER_DEADLINE.minusSeconds(1)) >= 0, "not before the deadline: " + took);
    for (Stalled s : stalled) {
      // what the transport held for the client, then the end: DEADLINE_EXCEEDED, or the reset of
      // a stream whose write was waiting for the client's window (Liberty's write timeout)
      s.reading();
      Status end = s.closed.get(10, TimeUnit.SECONDS);
      System.out.println("stalled stream ended: " + end + " after " + s.received + " users");
      assertNotEquals(Status.Code.OK, end.getCode(), end.toString());
      assertTrue(s.received.get() < users, s.received + " of " + users + " users before the end");
    }

    // their places are free again
    List<String> all = new ArrayList<>();
    directory(stack)
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .streamUsers(StreamUsersRequest.getDefaultInstance())
        .forEachRemaining(u -> all.add(u.getUserId()));
    assertTrue(all.size() > users, all.size() + " users streamed");
  }

  /**
   * A client that reads, but slowly (a message every 100 ms: each write of the server gets through
   * well within the write timeout), is cut off at the server's deadline with DEADLINE_EXCEEDED;
   * before, such a stream ran for as long as the client liked.
   */
  @Test
  void aSlowReaderIsCutOffAtTheServersDeadline(Stack stack) throws Exception {
    long users = atLeastUsers(stack, USERS);
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    try {
      Stalled slow = stalledStream(stack);
      slow.readingEvery(pacer, Duration.ofMillis(100));
      long start = System.nanoTime();
      Status end = slow.closed.get(SERVER_DEADLINE.toSeconds() + 20, TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(Status.Code.DEADLINE_EXCEEDED, end.getCode(), end + " after " + took);
      assertTrue(slow.received.get() < users, slow.received + " of " + users + " users");
      assertTrue(
          took.compareTo(SERVER_DEADLINE.minusSeconds(1)) >= 0
              && took.compareTo(SERVER_DEADLINE.plusSeconds(8)) < 0,
          "ended at the deadline: " + took);
      Poll.until("its place to be free", Duration.ofSeconds(5), () -> open(stack) == 0);
    } finally {
      pacer.shutdownNow();
    }
  }

  @Test
  void aCancelledStreamGivesItsPlaceBack(Stack stack) throws Exception {
    atLeastUsers(stack, USERS);
    Stalled stream = stalledStream(stack);
    Poll.until("the stream to be open", Duration.ofSeconds(10), () -> open(stack) == 1);
    stream.call.cancel("the client gives up", null);
    Poll.until("the stream's place to be free", Duration.ofSeconds(3), () -> open(stack) == 0);
  }

  /** A stream whose client asks for no message until {@link Stalled#reading}. */
  private Stalled stalledStream(Stack stack) {
    // a small receive window, so that the server soon has to wait for this client
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("localhost", stack.userService().httpPort())
            .usePlaintext()
            .initialFlowControlWindow(1024)
            .build();
    channels.add(channel);
    ClientCall<StreamUsersRequest, User> call =
        ClientInterceptors.intercept(channel, credential(stack))
            .newCall(UserDirectoryGrpc.getStreamUsersMethod(), CallOptions.DEFAULT);
    calls.add(call);
    Stalled stalled = new Stalled(call);
    call.start(stalled.listener(), new Metadata());
    call.sendMessage(StreamUsersRequest.getDefaultInstance());
    call.halfClose();
    return stalled;
  }

  private static final class Stalled {
    final ClientCall<StreamUsersRequest, User> call;
    final CompletableFuture<Status> closed = new CompletableFuture<>();
    final AtomicInteger received = new AtomicInteger();

    Stalled(ClientCall<StreamUsersRequest, User> call) {
      this.call = call;
    }

    ClientCall.Listener<User> listener() {
      return new ClientCall.Listener<>() {
        @Override
        public void onMessage(User message) {
          received.incrementAndGet();
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
          closed.complete(status);
        }
      };
    }

    void reading() {
      call.request(Integer.MAX_VALUE);
    }

    /** Asks for one message each {@code pause}, as a slow client reads. */
    void readingEvery(ScheduledExecutorService pacer, Duration pause) {
      pacer.scheduleWithFixedDelay(
          () -> {
            if (!closed.isDone()) {
              call.request(1);
            }
          },
          0,
          pause.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** The status a stream that reads everything ends with. */
  private Status readAll(Stack stack) {
    try {
      directory(stack)
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .streamUsers(StreamUsersRequest.getDefaultInstance())
          .forEachRemaining(u -> {});
      return Status.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
  }

  private UserDirectoryGrpc.UserDirectoryBlockingStub directory(Stack stack) {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("localhost", stack.userService().httpPort())
            .usePlaintext()
            .build();
    channels.add(channel);
    return UserDirectoryGrpc.newBlockingStub(channel)
        .withInterceptors(credential(stack))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static io.grpc.ClientInterceptor credential(Stack stack) {
    Metadata metadata = new Metadata();
    metadata.put(
        Metadata.Key.of("x-service-credential", Metadata.ASCII_STRING_MARSHALLER),
        stack.directoryCredential());
    return MetadataUtils.newAttachHeadersInterceptor(metadata);
  }

  private static double open(Stack stack) {
    return Metrics.value(stack.userService(), "user_directory_streams_open");
  }

  /** Registers users until userdb holds at least {@code count}; returns how many it holds. */
  private static long atLeastUsers(Stack stack, int count) throws Exception {
    long now = users(stack);
    if (now < count) {
      new UsersApi(stack.userService()).registerMany("streamlimits", (int) (count - now));
    }
    return users(stack);
  }

  private static long users(Stack stack) throws Exception {
    try (Connection c = stack.database().connectAs(Database.USER_DB);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM users")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

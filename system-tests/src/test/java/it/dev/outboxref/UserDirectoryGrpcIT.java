package it.dev.outboxref;

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
import dev.outboxref.proto.users.v1.User;
import dev.outboxref.proto.users.v1.UserDirectoryGrpc;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.Stack;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.UsersApi;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The user directory as another service calls it: gRPC over HTTP/2 on the user service's HTTP port.
 */
@ExtendWith(StackExtension.class)
class UserDirectoryGrpcIT {

  private ManagedChannel channel;

  private static final Metadata.Key<String> CREDENTIAL =
      Metadata.Key.of("x-service-credential", Metadata.ASCII_STRING_MARSHALLER);

  /** The directory as the post service calls it: with the service credential. */
  private UserDirectoryGrpc.UserDirectoryBlockingStub directory(Stack stack) {
    return anonymous(stack).withInterceptors(withCredential(stack.directoryCredential()));
  }

  /** The directory as a stranger calls it: no credential. */
  private UserDirectoryGrpc.UserDirectoryBlockingStub anonymous(Stack stack) {
    if (channel == null) {
      channel =
          ManagedChannelBuilder.forAddress("localhost", stack.userService().httpPort())
              .usePlaintext()
              .build();
    }
    return UserDirectoryGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static ClientInterceptor withCredential(String credential) {
    Metadata metadata = new Metadata();
    metadata.put(CREDENTIAL, credential);
    return MetadataUtils.newAttachHeadersInterceptor(metadata);
  }

  /**
   * Every method refuses a caller without the service credential (UNAUTHENTICATED) or with another
   * one (PERMISSION_DENIED): before, StreamUsers answered every user's id, name and version to
   * anyone who could reach the port.
   */
  @Test
  void aCallerWithoutTheServiceCredentialIsRefusedOnEveryMethod(Stack stack) {
    String id = new UsersApi(stack.userService()).register("grpc-stranger").getString("id");
    List<java.util.function.Function<UserDirectoryGrpc.UserDirectoryBlockingStub, Object>> calls =
        List.of(
            d -> d.getUser(GetUserRequest.newBuilder().setUserId(id).build()),
            d -> d.getUsers(GetUsersRequest.newBuilder().addUserIds(id).build()),
            d -> d.streamUsers(StreamUsersRequest.getDefaultInstance()).hasNext(),
            d -> d.digestUsers(DigestUsersRequest.newBuilder().setDigits(2).build()),
            d ->
                d.listUserDigests(
                    ListUserDigestsRequest.newBuilder().setPrefix(id.substring(0, 2)).build()));
    for (var call : calls) {
      StatusRuntimeException none =
          assertThrows(StatusRuntimeException.class, () -> call.apply(anonymous(stack)));
      assertEquals(Status.Code.UNAUTHENTICATED, none.getStatus().getCode(), none.toString());
      StatusRuntimeException wrong =
          assertThrows(
              StatusRuntimeException.class,
              () -> call.apply(anonymous(stack).withInterceptors(withCredential("guess"))));
      assertEquals(Status.Code.PERMISSION_DENIED, wrong.getStatus().getCode(), wrong.toString());
    }
    assertEquals(
        id,
        directory(stack).getUser(GetUserRequest.newBuilder().setUserId(id).build()).getUserId());
  }

  @AfterEach
  void closeChannel() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void getUserAnswersTheProfileAndVersionButNoEmailOrPassword(Stack stack) {
    UsersApi api = new UsersApi(stack.userService());
    String id = api.register("grpc").getString("id");
    api.rename(id, "Renamed Over REST");

    User user = directory(stack).getUser(GetUserRequest.newBuilder().setUserId(id).build());
    assertEquals(id, user.getUserId());
    assertEquals("Renamed Over REST", user.getName());
    assertEquals("grpc", user.getNickname());
    assertEquals(2, user.getVersion());
    assertFalse(user.getDeleted());
    assertFalse(
        user.toString().contains("@example.com") || user.toString().contains(UsersApi.PASSWORD),
        user.toString());
  }

  @Test
  void aDeletedUserIsATombstoneWithoutPersonalDataAndItsEmailIsFreeAgain(Stack stack)
      throws Exception {
    UsersApi api = new UsersApi(stack.userService());
    String email = "reuse-" + UUID.randomUUID() + "@example.com";
    String body = UsersApi.registration(email, "reuse", UsersApi.PASSWORD);
    String id = Http.json(api.post(body)).getString("id");
    assertEquals(204, api.delete(id, null).statusCode());

    User tombstone = directory(stack).getUser(GetUserRequest.newBuilder().setUserId(id).build());
    assertTrue(tombstone.getDeleted());
    assertEquals(2, tombstone.getVersion());
    assertEquals("", tombstone.getName());
    try (Connection c = stack.database().connectAs(Database.USER_DB);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT email, name, nickname, password_hash FROM users WHERE id = '" + id + "'")) {
      assertTrue(rs.next());
      for (int column = 1; column <= 4; column++) {
        assertEquals(null, rs.getString(column), "personal data kept in column " + column);
      }
    }
    assertEquals(
        201, api.post(body).statusCode(), "the email of a deleted user can register again");
  }

  @Test
  void unknownAndMalformedIdsGetStatusesACallerCanActOn(Stack stack) {
    String unknown = UUID.randomUUID().toString();
    StatusRuntimeException notFound =
        assertThrows(
            StatusRuntimeException.class,
            () -> directory(stack).getUser(GetUserRequest.newBuilder().setUserId(unknown).build()));
    assertEquals(Status.Code.NOT_FOUND, notFound.getStatus().getCode());
    assertTrue(notFound.getStatus().getDescription().contains(unknown));

    StatusRuntimeException invalid =
        assertThrows(
            StatusRuntimeException.class,
            () -> directory(stack).getUser(GetUserRequest.newBuilder().setUserId("42").build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, invalid.getStatus().getCode());
    assertTrue(
        invalid.getStatus().getDescription().contains("user_id must be a UUID"),
        invalid.getStatus().getDescription());

    GetUsersRequest.Builder tooMany = GetUsersRequest.newBuilder();
    for (int i = 0; i < 101; i++) {
      tooMany.addUserIds(UUID.randomUUID().toString());
    }
    assertEquals(
        Status.Code.INVALID_ARGUMENT,
        assertThrows(StatusRuntimeException.class, () -> directory(stack).getUsers(tooMany.build()))
            .getStatus()
            .getCode());
  }

  @Test
  void getUsersAnswersFoundAndMissingIds(Stack stack) {
    UsersApi api = new UsersApi(stack.userService());
    String a = api.register("many-a").getString("id");
    String b = api.register("many-b").getString("id");
    String missing = UUID.randomUUID().toString();
    GetUsersResponse answer =
        directory(stack)
            .getUsers(
                GetUsersRequest.newBuilder()
                    .addUserIds(a)
                    .addUserIds(missing)
                    .addUserIds(b)
                    .build());
    assertEquals(
        Set.of(a, b),
        answer.getUsersList().stream().map(User::getUserId).collect(Collectors.toSet()));
    assertEquals(List.of(missing), answer.getMissingUserIdsList());
  }

  @Test
  void streamUsersReturnsEveryUserInIdOrderAcrossPages(Stack stack) throws Exception {
    UsersApi api = new UsersApi(stack.userService());
    for (int i = 0; i < 160; i++) {
      api.register("stream" + i);
    }
    long inDatabase;
    try (Connection c = stack.database().connectAs(Database.USER_DB);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM users")) {
      rs.next();
      inDatabase = rs.getLong(1);
    }
    assertTrue(inDatabase > 150, "more users than three pages of 50: " + inDatabase);

    List<String> ids = new ArrayList<>();
    Iterator<User> stream = directory(stack).streamUsers(StreamUsersRequest.getDefaultInstance());
    stream.forEachRemaining(u -> ids.add(u.getUserId()));
    assertEquals(inDatabase, ids.size(), "every user, tombstones included, exactly once");
    List<String> sorted =
        ids.stream().sorted().toList(); // PostgreSQL orders uuids like their lowercase text
    assertEquals(sorted, ids, "ascending id order");

    String middle = ids.get(ids.size() / 2);
    List<String> rest = new ArrayList<>();
    directory(stack)
        .streamUsers(StreamUsersRequest.newBuilder().setAfterUserId(middle).build())
        .forEachRemaining(u -> rest.add(u.getUserId()));
    assertEquals(ids.subList(ids.size() / 2 + 1, ids.size()), rest, "resumes after the given id");
  }
}

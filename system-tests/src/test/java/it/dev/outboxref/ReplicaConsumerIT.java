package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.stack.Database;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.Metrics;
import it.dev.outboxref.support.PostsApi;
import it.dev.outboxref.support.Snapshots;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.TopicWriter;
import it.dev.outboxref.support.UserEventsTopic;
import it.dev.outboxref.support.UsersApi;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The consumer that feeds the replica, with records written straight into the topic: duplicates,
 * reordering, poison, and a restart of the post service in the middle of thousands of events.
 */
@ExtendWith(StackExtension.class)
class ReplicaConsumerIT {

  /** A value that stands for personal data in a poison event. */
  private static final String SECRET = "secret-ada@example.com";

  @Test
  void duplicatesAndReorderingEndAtTheNewestVersion(Stack stack) {
    PostsApi posts = new PostsApi(stack);
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    try (TopicWriter topic = new TopicWriter(stack)) {
      // a: newest first, then the older ones, then duplicates of everything
      topic.send(TopicWriter.profileChanged(a, 3, "A three", "a3"));
      topic.send(TopicWriter.registered(a, "A one", "a1"));
      topic.send(TopicWriter.profileChanged(a, 2, "A two", "a2"));
      topic.send(TopicWriter.profileChanged(a, 3, "A three", "a3"));
      RecordMetadata lastOfA = topic.send(TopicWriter.registered(a, "A one", "a1"));
      // b: deleted at 4; a late profile change (3) must not bring it back
      topic.send(TopicWriter.registered(b, "B one", "b1"));
      topic.send(TopicWriter.deleted(b, 4));
      topic.send(TopicWriter.profileChanged(b, 3, "B three", "b3"));
      RecordMetadata lastOfB = topic.send(TopicWriter.profileChanged(b, 2, "B two", "b2"));
      TopicWriter.awaitConsumed(stack, lastOfA, Duration.ofSeconds(30));
      TopicWriter.awaitConsumed(stack, lastOfB, Duration.ofSeconds(30));
    }
    assertEquals(
        new PostsApi.ReplicaRow(a, "A three", "a3", 3, false), posts.replica(a).orElseThrow());
    assertEquals(new PostsApi.ReplicaRow(b, null, null, 4, true), posts.replica(b).orElseThrow());
  }

  @Test
  void poisonEventsAreParkedAndTheStreamGoesOn(Stack stack) {
    PostsApi posts = new PostsApi(stack);
    String user = UUID.randomUUID().toString();
    try (TopicWriter topic = new TopicWriter(stack)) {
      // all with the same key: the same partition, so the good event comes after the poison
      topic.send(user, "not protobuf at all".getBytes(StandardCharsets.UTF_8));
      topic.send(user, TopicWriter.event(user, 1).build().toByteArray()); // no change: unknown
      topic.send(
          user, TopicWriter.event(user, 0).setDeleted(deletedMessage()).build().toByteArray());
      topic.send(TopicWriter.registered(user, "x".repeat(101) + SECRET, "too-long"));
      topic.send(TopicWriter.registered(user, "After poison", "ap"));
    }
    Poll.until(
        "the event after the poison to be applied",
        Duration.ofSeconds(30),
        () -> posts.replica(user),
        r -> r.isPresent() && r.get().version() == 1);

    List<JsonObject> parked = posts.parkedFor(user);
    assertEquals(4, parked.size(), parked.toString());
    assertTrue(parked.get(0).getString("reason").contains("not a UserEvent"), parked.toString());
    assertTrue(parked.get(1).getString("reason").contains("unknown event type"), parked.toString());
    assertTrue(parked.get(2).getString("reason").contains("version"), parked.toString());
    assertTrue(parked.get(3).getString("reason").contains("registered.name"), parked.toString());
    // what the admin API shows of a payload: its shape, never its values (personal data)
    String listing = parked.toString();
    assertFalse(listing.contains(SECRET), "a parked value in the admin API: " + listing);
    assertFalse(
        listing.contains(
            Base64.getEncoder()
                .encodeToString("not protobuf at all".getBytes(StandardCharsets.UTF_8))),
        "a raw parked payload in the admin API: " + listing);
    JsonObject shape = parked.get(0).getJsonObject("payload");
    assertEquals("not protobuf at all".length(), shape.getInt("bytes"));
    assertFalse(shape.getBoolean("protobuf"));
    assertTrue(parked.get(3).getJsonObject("payload").getBoolean("protobuf"));

    // replay of a poison event: still poison, still parked
    long first = parked.get(0).getJsonNumber("id").longValue();
    JsonObject replay = Http.json(posts.admin("POST", "/parked-events/" + first + "/replay"));
    assertEquals("STILL_POISON", replay.getString("outcome"));
    assertEquals(4, posts.parkedFor(user).size());

    // discard removes it
    assertEquals(204, posts.admin("DELETE", "/parked-events/" + first).statusCode());
    assertEquals(404, posts.admin("DELETE", "/parked-events/" + first).statusCode());
    assertEquals(3, posts.parkedFor(user).size());

    // the admin API needs the token
    HttpResponse<String> anonymous =
        Http.get(stack.postService().baseUrl() + "/api/admin/parked-events");
    assertEquals(401, anonymous.statusCode(), anonymous.body());

    String metrics = Http.get(stack.postService().baseUrl() + "/metrics").body();
    assertTrue(metrics.contains("replica_events_parked_total"), "parked counter exported");
    assertTrue(metrics.contains("replica_lag_seconds_bucket"), "lag histogram exported");
  }

  /**
   * The relay stamps each event with its outbox row's commit time, and the post service measures
   * the replica's freshness from it (histogram replica_freshness_seconds, its objective's 1 s
   * bucket).
   */
  @Test
  void eachEventCarriesItsSourceCommitTimeAndTheReplicaMeasuresItsFreshness(Stack stack) {
    Instant before = Instant.now().minusSeconds(5); // room for the clocks of two processes
    UsersApi users = new UsersApi(stack.userService());
    String id = users.register("freshness").getString("id");
    long version = users.rename(id, "Fresh name");
    Instant after = Instant.now().plusSeconds(5);
    try (UserEventsTopic topic = new UserEventsTopic(stack)) {
      for (UserEventsTopic.Received r :
          topic.awaitVersions(Map.of(id, version), Duration.ofSeconds(60)).get(id)) {
        Instant committed = Instant.parse(r.headers().get("source-committed-at"));
        assertTrue(
            committed.isAfter(before) && committed.isBefore(after),
            "source-committed-at " + committed + " of version " + r.event().getVersion());
      }
    }
    Poll.until(
        "the replica to have the change",
        Duration.ofSeconds(60),
        () -> new PostsApi(stack).replica(id),
        row -> row.isPresent() && row.get().version() == version);
    String metrics = Http.get(stack.postService().baseUrl() + "/metrics?scope=application").body();
    assertTrue(
        metrics.contains("replica_freshness_seconds_bucket{le=\"1.0\"")
            || metrics.contains(
                "replica_freshness_seconds_bucket{mp_scope=\"application\",le=\"1.0\""),
        "the objective's bucket le=\"1.0\" is exported: "
            + metrics.lines().filter(l -> l.startsWith("replica_freshness_seconds")).toList());
    assertTrue(Metrics.value(stack.postService(), "replica_freshness_seconds_count") > 0);
  }

  @Test
  void aParkedEventThatIsValidNowIsAppliedByReplay(Stack stack) throws SQLException {
    // as if an older consumer had parked a good event by mistake
    PostsApi posts = new PostsApi(stack);
    String user = UUID.randomUUID().toString();
    byte[] good = TopicWriter.registered(user, "Replayed", "rp").toByteArray();
    long id;
    try (Connection c = stack.database().connectAs(Database.POST_DB);
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO parked_events (topic, kafka_partition, kafka_offset, record_key,"
                    + " payload, headers, reason, parked_at)"
                    + " VALUES ('user-events', 99, ?, ?, ?, '', 'a bug since fixed', now())"
                    + " RETURNING id")) {
      insert.setLong(1, System.nanoTime());
      insert.setString(2, user);
      insert.setBytes(3, good);
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
    }
    JsonArray results = Http.jsonArray(posts.admin("POST", "/parked-events/replay"));
    JsonObject ours =
        results.getValuesAs(JsonObject.class).stream()
            .filter(r -> r.getJsonNumber("id").longValue() == id)
            .findFirst()
            .orElseThrow();
    assertEquals("APPLIED", ours.getString("outcome"));
    assertEquals(
        new PostsApi.ReplicaRow(user, "Replayed", "rp", 1, false),
        posts.replica(user).orElseThrow());
    assertEquals(404, posts.admin("POST", "/parked-events/" + id + "/replay").statusCode());
  }

  @Test
  void aRestartInTheMiddleOfThousandsOfEventsLosesNothing(Stack stack) {
    PostsApi posts = new PostsApi(stack);
    int usersCount = 300;
    int versions = 20;
    List<String> users = TopicWriter.newUserIds(usersCount);
    try (TopicWriter topic = new TopicWriter(stack)) {
      topic.sendVersions(users, versions, "R");
    }
    // stop the post service as soon as it is part-way through the 6000 events
    Poll.until(
        "the consumer to be part-way",
        Duration.ofSeconds(60),
        Duration.ofMillis(20),
        () -> Snapshots.replicaVersionSum(stack, users),
        sum -> sum > 0);
    long before = Snapshots.replicaVersionSum(stack, users);
    stack.postService().kill();
    stack.postService().start();
    long total = (long) usersCount * versions;
    Poll.until(
        "every user to reach version " + versions,
        Duration.ofSeconds(120),
        () -> Snapshots.replicaVersionSum(stack, users),
        sum -> sum == total);
    assertTrue(before < total, "the kill came before the end: " + before + " of " + total);
    for (String user : List.of(users.get(0), users.get(usersCount - 1))) {
      assertEquals(
          new PostsApi.ReplicaRow(user, "R" + versions, "r", versions, false),
          posts.replica(user).orElseThrow());
    }
  }

  @Test
  void theConsumerGoesOnAfterABrokerOutageInTheMiddleOfTheStream(Stack stack) throws Exception {
    UsersApi users = new UsersApi(stack.userService());
    PostsApi posts = new PostsApi(stack);
    String renamed = users.register("outage-consumer").getString("id");
    // events keep flowing while the broker goes away: the consumer has records in flight whose
    // offset commits fail
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    Future<?> writes =
        writer.submit(
            () -> {
              for (int n = 0; writing.get(); n++) {
                users.rename(renamed, "flowing " + n);
              }
              return null;
            });
    try {
      Poll.until(
          "events to flow into the replica",
          Duration.ofSeconds(30),
          () -> posts.replica(renamed),
          r -> r.isPresent() && r.get().version() > 20);
      stack.broker().stop();
      stack.broker().start();
    } finally {
      writing.set(false);
      writes.get();
      writer.shutdown();
    }
    String after = users.register("after-outage-consumer").getString("id");
    Poll.until(
        "the replica to get a user registered after the broker came back",
        Duration.ofSeconds(60),
        () -> posts.replica(after),
        r -> r.isPresent());
  }

  private static dev.outboxref.proto.events.v1.UserDeleted deletedMessage() {
    return dev.outboxref.proto.events.v1.UserDeleted.getDefaultInstance();
  }
}

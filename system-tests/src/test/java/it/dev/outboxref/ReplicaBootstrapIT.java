package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Topics;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.PostsApi;
import it.dev.outboxref.support.Snapshots;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.UsersApi;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A post service that starts with an empty replica and no event history (as after the topic's
 * retention dropped it) fills the replica from the user service's stream while users keep being
 * written; at the end the replica equals the user database.
 */
@ExtendWith(StackExtension.class)
class ReplicaBootstrapIT {

  @Test
  void bootstrapOnAnEmptyReplicaWhileWritesContinueEndsEqualToTheSource(Stack stack)
      throws Exception {
    UsersApi users = new UsersApi(stack.userService());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      ids.add(users.register("boot" + i).getString("id"));
    }
    users.delete(ids.get(0), null);

    stack.postService().stop();
    try (Connection c = stack.database().connectAs(Database.POST_DB);
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM user_replica");
    }
    skipEventHistory(stack);
    stack.postService().start();
    // a user the replica has but userdb lost without a deletion event (e.g. a restore)
    String ghost = UUID.randomUUID().toString();
    try (Connection c = stack.database().connectAs(Database.POST_DB);
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO user_replica (user_id, name, nickname, version, deleted, updated_at)"
              + " VALUES ('"
              + ghost
              + "', 'Ghost', 'ghost', 3, false, now())");
    }

    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    Future<Integer> writes =
        writer.submit(
            () -> {
              int n = 0;
              while (writing.get()) {
                String id = ids.get(1 + ThreadLocalRandom.current().nextInt(ids.size() - 1));
                users.rename(id, "during bootstrap " + n++);
                if (n % 10 == 0) {
                  users.register("boot-late" + n);
                }
              }
              return n;
            });
    HttpResponse<String> response;
    try {
      response = new PostsApi(stack).admin("POST", "/replica/bootstrap");
    } finally {
      writing.set(false);
    }
    int written = writes.get(60, TimeUnit.SECONDS);
    writer.shutdown();
    assertEquals(200, response.statusCode(), response.body());
    JsonObject report = Http.json(response);
    assertTrue(report.getInt("streamed") >= 120, report.toString());
    assertEquals(1, report.getInt("removed"), report.toString());
    assertTrue(written > 0, "writes ran during the bootstrap");

    Map<String, String> source = Snapshots.users(stack);
    Map<String, String> replica =
        Poll.until(
            "the replica to equal the user database",
            Duration.ofSeconds(60),
            () -> Snapshots.replica(stack),
            r -> "3|t".equals(r.get(ghost)) && withoutKey(r, ghost).equals(source));
    replica = withoutKey(replica, ghost);
    assertEquals(source.size(), replica.size());
    assertTrue(
        replica.get(ids.get(0)).equals("2|t"),
        "the deleted user is a tombstone (version 2, no name): " + replica.get(ids.get(0)));
  }

  private static Map<String, String> withoutKey(Map<String, String> rows, String key) {
    Map<String, String> rest = new HashMap<>(rows);
    rest.remove(key);
    return rest;
  }

  /**
   * Moves the replica consumer to the end of the topic: its positions in postdb (which it goes by)
   * and, to match, consumer group post-service's offsets (the group must be empty).
   */
  private static void skipEventHistory(Stack stack) throws Exception {
    try (Admin admin = Admin.create(stack.broker().adminConfig())) {
      List<TopicPartition> partitions =
          admin
              .describeTopics(List.of(Topics.USER_EVENTS))
              .allTopicNames()
              .get()
              .get(Topics.USER_EVENTS)
              .partitions()
              .stream()
              .map(p -> new TopicPartition(Topics.USER_EVENTS, p.partition()))
              .toList();
      Map<TopicPartition, OffsetAndMetadata> ends =
          admin
              .listOffsets(
                  partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
              .all()
              .get()
              .entrySet()
              .stream()
              .collect(
                  Collectors.toMap(
                      Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
      try (Connection c = stack.database().connectAs(Database.POST_DB);
          PreparedStatement upsert =
              c.prepareStatement(
                  "INSERT INTO replica_offsets (topic, kafka_partition, next_offset, updated_at)"
                      + " VALUES (?, ?, ?, now()) ON CONFLICT (topic, kafka_partition)"
                      + " DO UPDATE SET next_offset = EXCLUDED.next_offset")) {
        for (Map.Entry<TopicPartition, OffsetAndMetadata> end : ends.entrySet()) {
          upsert.setString(1, end.getKey().topic());
          upsert.setInt(2, end.getKey().partition());
          upsert.setLong(3, end.getValue().offset());
          upsert.executeUpdate();
        }
      }
      Poll.until(
          "consumer group post-service to be empty",
          Duration.ofSeconds(60),
          () -> {
            try {
              admin.alterConsumerGroupOffsets("post-service", ends).all().get();
              return true;
            } catch (Exception e) {
              return false;
            }
          },
          done -> done);
    }
  }
}

package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.LibertyServer;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Ports;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Health;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.PostsApi;
import it.dev.outboxref.support.Snapshots;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.SteadyWriter;
import it.dev.outboxref.support.TopicWriter;
import it.dev.outboxref.support.UsersApi;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The replica consumer under faults of its own side: postdb away, a lock that wedges it (the
 * watchdog), and two instances sharing the partitions while one is SIGKILLed. The post service's
 * readiness bound is 10 s in the test stack (StackExtension), 30 s by default.
 */
@ExtendWith(StackExtension.class)
class ReplicaConsumerFaultsIT {

  @Test
  void postdbAwayUnderWritesLosesNothingAndConsumptionResumesByItself(Stack stack)
      throws Exception {
    UsersApi users = new UsersApi(stack.userService());
    List<String> ids = users.registerMany("postdb-away", 10);
    LibertyServer post = stack.postService();
    try (SteadyWriter writer = new SteadyWriter(users, ids, 50)) {
      writer.awaitWrites(100);
      setPostdbConnections(stack, false);
      long awayAt = System.nanoTime();
      try {
        HttpResponse<String> ready =
            Poll.until(
                "post-service readiness DOWN while postdb is away",
                Duration.ofSeconds(30),
                () -> Http.get(post.baseUrl() + "/health/ready"),
                r -> r.statusCode() == 503);
        assertEquals("DOWN", Health.checks(Http.json(ready)).get("database").getString("status"));
        JsonObject consumer = Health.checks(Http.json(ready)).get("replica-consumer");
        assertEquals(false, consumer.getJsonObject("data").getBoolean("databaseReachable"));
        Poll.until(
            "postdb to stay away 20 s while writes go on",
            Duration.ofSeconds(60),
            () -> System.nanoTime() - awayAt,
            elapsed -> elapsed >= Duration.ofSeconds(20).toNanos());
      } finally {
        setPostdbConnections(stack, true);
      }
      writer.awaitWrites(writer.count() + 100);
    }
    awaitAllInReplica(stack, users, ids, Duration.ofSeconds(60));
    Poll.until(
        "post-service ready again",
        Duration.ofSeconds(60),
        () -> Http.get(post.baseUrl() + "/health/ready").statusCode(),
        status -> status == 200);
  }

  @Test
  void aConsumerThatCannotMakeProgressTurnsReadinessDownAndUpAgain(Stack stack) throws Exception {
    UsersApi users = new UsersApi(stack.userService());
    String id = users.register("wedged").getString("id");
    LibertyServer post = stack.postService();
    try (Connection lock = stack.database().connectAsAdmin(Database.POST_DB.name())) {
      lock.setAutoCommit(false);
      try (Statement s = lock.createStatement()) {
        // reads go on, the consumer's upsert waits (and times out, and waits again...)
        s.execute("LOCK TABLE user_replica IN EXCLUSIVE MODE");
      }
      long version = users.rename(id, "while locked");
      HttpResponse<String> down =
          Poll.until(
              "readiness DOWN: records wait, broker and postdb answer, nothing applied",
              Duration.ofSeconds(40),
              () -> Http.get(post.baseUrl() + "/health/ready"),
              r -> r.statusCode() == 503);
      JsonObject check = Health.checks(Http.json(down)).get("replica-consumer");
      assertEquals("DOWN", check.getString("status"), down.body());
      JsonObject data = check.getJsonObject("data");
      assertTrue(data.getJsonNumber("lag").longValue() > 0, down.body());
      assertTrue(data.getBoolean("stalled"), down.body());
      assertTrue(data.getBoolean("brokerReachable") && data.getBoolean("databaseReachable"));
      assertTrue(!data.getString("lagByPartition").isEmpty(), down.body());
      assertEquals(
          "UP", Health.checks(Http.json(down)).get("database").getString("status"), down.body());
      lock.rollback();
      Poll.until(
          "readiness UP again once the lock is gone",
          Duration.ofSeconds(30),
          () -> Http.get(post.baseUrl() + "/health/ready").statusCode(),
          status -> status == 200);
      Poll.until(
          "the change made while locked in the replica",
          Duration.ofSeconds(30),
          () -> new PostsApi(stack).replica(id),
          r -> r.isPresent() && r.get().version() == version);
    }
  }

  @Test
  void twoInstancesOneKilledMidStreamEndEveryUserAtItsNewestVersionInOrder(Stack stack)
      throws Exception {
    int[] ports = Ports.free(2);
    LibertyServer second = stack.service(Service.POST, "post-service-2", ports[0], ports[1]);
    installHistory(stack);
    try {
      second.start();
      for (LibertyServer instance : List.of(stack.postService(), second)) {
        Poll.until(
            instance.instance() + " to own partitions",
            Duration.ofSeconds(60),
            () -> partitions(instance),
            n -> n > 0);
      }
      int usersCount = 300;
      int versions = 20;
      List<String> users = TopicWriter.newUserIds(usersCount);
      try (TopicWriter topic = new TopicWriter(stack)) {
        topic.sendVersions(users, versions, "T");
      }
      Poll.until(
          "the consumers to be part-way",
          Duration.ofSeconds(60),
          Duration.ofMillis(20),
          () -> applies(stack, users),
          sum -> sum > 0);
      long before = applies(stack, users);
      second.kill();
      long total = (long) usersCount * versions;
      Poll.until(
          "every user at version " + versions + " with one instance killed",
          Duration.ofSeconds(90),
          () -> Snapshots.replicaVersionSum(stack, users),
          sum -> sum == total);
      assertTrue(before < total, "the kill came before the end: " + before + " of " + total);
      Map<String, List<Long>> applied = history(stack, users);
      applied.forEach(
          (user, sequence) -> {
            for (int i = 1; i < sequence.size(); i++) {
              assertTrue(
                  sequence.get(i) > sequence.get(i - 1),
                  user + " applied out of order: " + sequence);
            }
            assertEquals(versions, sequence.get(sequence.size() - 1), user + ": " + sequence);
          });
    } finally {
      second.kill();
      dropHistory(stack);
    }
  }

  /** Every user's replica row at its newest version in userdb. */
  private static void awaitAllInReplica(
      Stack stack, UsersApi users, List<String> ids, Duration timeout) {
    Map<String, Long> newest = new HashMap<>();
    for (String id : ids) {
      newest.put(id, Http.json(users.get("/" + id)).getJsonNumber("version").longValue());
    }
    PostsApi posts = new PostsApi(stack);
    Poll.until(
        "every user's newest version in the replica",
        timeout,
        () -> posts.behind(newest),
        List::isEmpty);
  }

  /** As if postdb were down for the post service: no new connection, the open ones cut. */
  private static void setPostdbConnections(Stack stack, boolean allowed) throws SQLException {
    try (Connection c = stack.database().connectAsAdmin("postgres");
        Statement s = c.createStatement()) {
      s.execute("ALTER DATABASE postdb WITH ALLOW_CONNECTIONS " + allowed);
      if (!allowed) {
        s.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'postdb'");
      }
    }
  }

  private static long partitions(LibertyServer instance) {
    try {
      JsonObject ready = Http.json(Http.get(instance.baseUrl() + "/health/ready"));
      return Health.checks(ready)
          .get("replica-consumer")
          .getJsonObject("data")
          .getJsonNumber("partitions")
          .longValue();
    } catch (RuntimeException | AssertionError e) {
      return 0;
    }
  }

  /** A trigger records every version applied to user_replica, in commit order per row. */
  private static void installHistory(Stack stack) throws SQLException {
    try (Connection c = stack.database().connectAsAdmin(Database.POST_DB.name());
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS test_replica_history"
              + " (seq bigserial PRIMARY KEY, user_id uuid, version bigint)");
      s.execute(
          "CREATE OR REPLACE FUNCTION test_record_version() RETURNS trigger AS $$ BEGIN"
              + " INSERT INTO test_replica_history (user_id, version)"
              + " VALUES (NEW.user_id, NEW.version); RETURN NEW; END $$ LANGUAGE plpgsql"
              // runs as its owner: the post service's role may not write the test's table
              + " SECURITY DEFINER");
      s.execute(
          "CREATE OR REPLACE TRIGGER test_replica_history AFTER INSERT OR UPDATE ON user_replica"
              + " FOR EACH ROW EXECUTE FUNCTION test_record_version()");
    }
  }

  private static void dropHistory(Stack stack) throws SQLException {
    try (Connection c = stack.database().connectAsAdmin(Database.POST_DB.name());
        Statement s = c.createStatement()) {
      s.execute("DROP TRIGGER IF EXISTS test_replica_history ON user_replica");
      s.execute("DROP FUNCTION IF EXISTS test_record_version()");
      s.execute("DROP TABLE IF EXISTS test_replica_history");
    }
  }

  private static Map<String, List<Long>> history(Stack stack, List<String> users)
      throws SQLException {
    Map<String, List<Long>> applied = new HashMap<>();
    try (Connection c = stack.database().connectAsAdmin(Database.POST_DB.name());
        PreparedStatement q =
            c.prepareStatement(
                "SELECT user_id::text, version FROM test_replica_history"
                    + " WHERE user_id = ANY (?::uuid[]) ORDER BY seq")) {
      q.setArray(1, c.createArrayOf("text", users.toArray()));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          applied.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
        }
      }
    }
    assertEquals(users.size(), applied.size(), "every user has a history");
    return applied;
  }

  /** How many changes of these users were applied so far. */
  private static long applies(Stack stack, List<String> users) {
    return sum(
        stack, "SELECT count(*) FROM test_replica_history WHERE user_id = ANY (?::uuid[])", users);
  }

  private static long sum(Stack stack, String sql, List<String> users) {
    try (Connection c = stack.database().connectAsAdmin(Database.POST_DB.name());
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setArray(1, c.createArrayOf("text", users.toArray()));
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}

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
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.UserEventsTopic;
import it.dev.outboxref.support.UsersApi;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The relay under faults: broker outage, a SIGKILL mid-backlog, two instances on one database. */
@ExtendWith(StackExtension.class)
class RelayFaultsIT {

  @Test
  void writesSucceedWhileKafkaIsDownAndEveryEventArrivesInOrderWhenItReturns(Stack stack) {
    UsersApi api = new UsersApi(stack.userService());
    Map<String, Long> last = new HashMap<>();
    stack.broker().stop();
    try {
      for (int u = 0; u < 10; u++) {
        String id = api.register("outage" + u).getString("id");
        long version = 1;
        for (int n = 0; n < 29; n++) {
          version = api.rename(id, "outage-" + n);
        }
        last.put(id, version);
      }
      JsonObject relay =
          Poll.until(
              "the relay to report itself stalled",
              Duration.ofSeconds(60),
              () -> relayHealth(stack.userService()),
              r -> r.getJsonObject("data").getBoolean("stalled"));
      assertEquals(
          "UP", relay.getString("status"), "a stalled relay does not make the service unready");
      assertTrue(relay.getJsonObject("data").getInt("backlog") >= 300, relay.toString());
      assertEquals("UP", Health.status(stack.userService(), "/health/ready"));
    } finally {
      stack.broker().start();
    }
    try (UserEventsTopic topic = new UserEventsTopic(stack)) {
      var received = topic.awaitVersions(last, Duration.ofSeconds(120));
      last.forEach((id, version) -> assertInOrderWithoutGaps(id, received.get(id), version, true));
    }
  }

  @Test
  void aSigkillWhileRelayingABacklogLosesNothing(Stack stack) throws Exception {
    UsersApi api = new UsersApi(stack.userService());
    Map<String, Long> last = new HashMap<>();
    stack.broker().stop();
    try {
      for (int u = 0; u < 10; u++) {
        String id = api.register("crash" + u).getString("id");
        long version = 1;
        for (int n = 0; n < 99; n++) {
          version = api.rename(id, "crash-" + n);
        }
        last.put(id, version);
      }
    } finally {
      stack.broker().start();
    }
    // kill -9 as soon as the relay has published part of the backlog
    long[] progress;
    try (Connection c = stack.database().connectAs(Database.USER_DB)) {
      progress =
          Poll.until(
              "the relay to publish part of the backlog",
              Duration.ofSeconds(60),
              Duration.ofMillis(1),
              () -> outboxProgress(c, last.keySet()),
              p -> p[0] > 0);
      stack.userService().kill();
    } finally {
      if (!stack.userService().isRunning()) {
        stack.userService().start();
      }
    }
    assertTrue(
        progress[0] > 0 && progress[1] > 0,
        "killed mid-backlog: published/unpublished " + progress[0] + "/" + progress[1]);

    try (UserEventsTopic topic = new UserEventsTopic(stack)) {
      var received = topic.awaitVersions(last, Duration.ofSeconds(120));
      last.forEach((id, version) -> assertInOrderWithoutGaps(id, received.get(id), version, true));
    }
  }

  @Test
  void twoInstancesOnOneDatabaseKeepEveryUsersOrderAlsoWhenTheLeaderDies(Stack stack)
      throws Exception {
    LibertyServer first = stack.userService();
    int[] ports = Ports.free(2);
    LibertyServer second = stack.service(Service.USER, "user-service-2", ports[0], ports[1]);
    second.start();
    LibertyServer leader = null;
    try {
      assertEquals(1, leaders(first, second).size(), "exactly one relay leads");
      List<UsersApi> apis = List.of(new UsersApi(first), new UsersApi(second));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        ids.add(apis.get(i % 2).register("pair" + i).getString("id"));
      }
      Map<String, Long> last = changeConcurrently(apis, ids, 6, 25);
      try (UserEventsTopic topic = new UserEventsTopic(stack)) {
        var received = topic.awaitVersions(last, Duration.ofSeconds(60));
        last.forEach(
            (id, version) -> assertInOrderWithoutGaps(id, received.get(id), version, false));
      }

      leader = leaders(first, second).get(0);
      LibertyServer survivor = leader == first ? second : first;
      leader.kill();
      Map<String, Long> more = changeConcurrently(List.of(new UsersApi(survivor)), ids, 4, 25);
      Poll.until(
          "the survivor to take over the relay",
          Duration.ofSeconds(30),
          () -> leaders(survivor),
          l -> l.size() == 1);
      try (UserEventsTopic topic = new UserEventsTopic(stack)) {
        var received = topic.awaitVersions(more, Duration.ofSeconds(60));
        more.forEach(
            (id, version) -> assertInOrderWithoutGaps(id, received.get(id), version, true));
      }
    } finally {
      second.stop();
      if (!first.isRunning()) {
        first.start();
      }
    }
  }

  /**
   * Renames the users from several threads through the given instances; returns the last versions.
   */
  private static Map<String, Long> changeConcurrently(
      List<UsersApi> apis, List<String> ids, int threads, int perThread) throws Exception {
    Map<String, Long> last = new java.util.concurrent.ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        work.add(
            pool.submit(
                () -> {
                  for (int n = 0; n < perThread; n++) {
                    String id = ids.get((thread + n) % ids.size());
                    long version =
                        apis.get((thread + n) % apis.size()).rename(id, "x" + thread + "-" + n);
                    last.merge(id, version, Math::max);
                  }
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return last;
  }

  /**
   * Versions 1..last each arrived, and the first arrival of each version came in order. With
   * duplicates allowed (a crash or leader change re-sends what was not yet marked published), a
   * version may arrive again later; without, the sequence is exactly 1..last.
   */
  static void assertInOrderWithoutGaps(
      String id, List<UserEventsTopic.Received> received, long last, boolean duplicatesAllowed) {
    List<Long> versions = received.stream().map(r -> r.event().getVersion()).toList();
    List<Long> expected = LongStream.rangeClosed(1, last).boxed().toList();
    if (duplicatesAllowed) {
      assertEquals(
          expected,
          List.copyOf(new LinkedHashSet<>(versions)),
          "first arrivals of user " + id + ": " + versions);
    } else {
      assertEquals(expected, versions, "user " + id);
    }
  }

  private static JsonObject relayHealth(LibertyServer service) {
    return Health.checks(Http.json(Http.get(service.baseUrl() + "/health/ready")))
        .get("outbox-relay");
  }

  private static List<LibertyServer> leaders(LibertyServer... services) {
    List<LibertyServer> leaders = new ArrayList<>();
    for (LibertyServer s : services) {
      if (relayHealth(s).getJsonObject("data").getBoolean("leader")) {
        leaders.add(s);
      }
    }
    return leaders;
  }

  /** Published and unpublished outbox rows of these users. */
  private static long[] outboxProgress(Connection c, java.util.Set<String> ids) {
    String in = String.join("','", ids);
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FILTER (WHERE published_at IS NOT NULL), count(*) FILTER (WHERE published_at IS NULL)"
                    + " FROM outbox WHERE aggregate_id IN ('"
                    + in
                    + "')")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

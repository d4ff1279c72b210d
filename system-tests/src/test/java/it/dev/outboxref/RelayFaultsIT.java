package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.LibertyServer;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Ports;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Health;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.TopicWriter;
import it.dev.outboxref.support.UserEventsTopic;
import it.dev.outboxref.support.UsersApi;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
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

/**
 * The relay under faults: broker outage, a SIGKILL mid-backlog, the leader's session cut
 * mid-backlog, two instances on one database, requests holding every pooled connection, a backlog
 * after a quiet time.
 */
@ExtendWith(StackExtension.class)
class RelayFaultsIT {

  /** The requests' connection pool of the user service ({@code db.pool.max}). */
  private static final int POOL_SIZE = 20;

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
  void theRelayPublishesWhileRequestsHoldEveryPooledConnection(Stack stack) throws Exception {
    UsersApi api = new UsersApi(stack.userService());
    String blocked = api.register("blocked").getString("id");
    JsonObject other = api.register("pooled");
    String id = other.getString("id");
    String token = api.tokenOf(blocked);
    try (UserEventsTopic topic = new UserEventsTopic(stack);
        Connection lock = stack.database().connectAsAdmin(Service.USER.database());
        Statement st = lock.createStatement()) {
      topic.awaitVersions(Map.of(id, 1L), Duration.ofSeconds(30));
      lock.setAutoCommit(false);
      st.execute("SELECT 1 FROM users WHERE id = '" + blocked + "' FOR UPDATE");
      // more changes of one locked user than the pool has connections: each holds one and waits
      ExecutorService pool = Executors.newFixedThreadPool(POOL_SIZE + 4);
      List<Future<?>> changes = new ArrayList<>();
      for (int i = 0; i < POOL_SIZE + 4; i++) {
        String json = "{\"name\":\"blocked " + i + "\"}";
        changes.add(pool.submit(() -> api.patchAs(token, blocked, json, null)));
      }
      try {
        Poll.until(
            "every pooled connection to wait for the locked user",
            Duration.ofSeconds(30),
            Duration.ofMillis(100),
            () -> waitingOnLocks(stack),
            waiting -> waiting >= POOL_SIZE);
        changeBehindTheService(stack, List.of(other), 2);
        assertEquals(
            List.of(1L, 2L),
            topic.versionsUpTo(id, 2, Duration.ofSeconds(5)),
            "published while no request could get a connection");
      } finally {
        lock.rollback();
        for (Future<?> change : changes) {
          change.get(); // each ends: applied, or refused once its wait for a connection ran out
        }
        pool.shutdown();
      }
    }
  }

  /**
   * After a quiet time, the outbox holding a row or two while the relay runs its statements often,
   * PostgreSQL had cached plans made for that tiny table: the delete of a batch scanned the whole
   * outbox and compared every row with every id of the batch, and a 300,000-event backlog went out
   * at about 400 events/s until autovacuum next analyzed the table. The relay's statements are
   * planned for the outbox as it is at each run, so draining a backlog reads no row by a sequential
   * scan (PostgreSQL counts those per table in seq_tup_read).
   */
  @Test
  void aBacklogAfterAQuietTimeIsDrainedWithoutScanningTheOutbox(Stack stack) throws Exception {
    UsersApi api = new UsersApi(stack.userService());
    List<JsonObject> users = new ArrayList<>();
    Map<String, Long> last = new HashMap<>();
    for (int u = 0; u < 10; u++) {
      users.add(api.register("backlog" + u));
      last.put(users.get(u).getString("id"), 2_001L);
    }
    String quiet = api.register("quiet").getString("id");
    String token = api.tokenOf(quiet);
    for (int i = 0; i < 60; i++) { // one event at a time: more than enough runs to cache a plan
      assertEquals(
          200, api.patchAs(token, quiet, "{\"name\":\"quiet " + i + "\"}", null).statusCode());
    }
    try (Connection c = stack.database().connectAsAdmin(Service.USER.database());
        UserEventsTopic topic = new UserEventsTopic(stack)) {
      topic.awaitVersions(Map.of(quiet, 61L), Duration.ofSeconds(60));
      OutboxStats before = OutboxStats.read(c);
      changeBehindTheService(stack, users, 2_001);
      topic.awaitVersions(last, Duration.ofSeconds(120));
      OutboxStats after = OutboxStats.once(c, before.deleted() + 20_000);
      long scanned = after.seqTupRead() - before.seqTupRead();
      assertTrue(
          scanned < 20_000,
          "draining 20,000 events read " + scanned + " outbox rows by sequential scans");
    }
  }

  /** PostgreSQL's counters for the outbox table. */
  private record OutboxStats(long deleted, long seqTupRead) {

    /**
     * The counters once at least {@code deleted} deletes are in. A backend reports its counters of
     * a table all at once, at most once a second and up to 10 s after it went idle, so the
     * sequential scans of the statements that deleted those rows are in too.
     */
    static OutboxStats once(Connection c, long deleted) {
      return Poll.until(
          "PostgreSQL's counters of the outbox to count " + deleted + " deletes",
          Duration.ofSeconds(60),
          Duration.ofMillis(200),
          () -> read(c),
          s -> s.deleted() >= deleted);
    }

    static OutboxStats read(Connection c) {
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT n_tup_del, coalesce(seq_tup_read, 0) FROM pg_stat_user_tables"
                      + " WHERE relname = 'outbox'")) {
        rs.next();
        return new OutboxStats(rs.getLong(1), rs.getLong(2));
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The service's sessions waiting for a row lock. */
  private static long waitingOnLocks(Stack stack) {
    try (Connection c = stack.database().connectAsAdmin(Service.USER.database());
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND wait_event_type = 'Lock'")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Profile changes written as the service writes them (the user row and its outbox rows in one
   * transaction), but not through the service: every user gets versions 2 to {@code lastVersion}.
   */
  private static void changeBehindTheService(Stack stack, List<JsonObject> users, long lastVersion)
      throws SQLException {
    try (Connection c = stack.database().connectAsAdmin(Service.USER.database())) {
      c.setAutoCommit(false);
      try (PreparedStatement user =
              c.prepareStatement(
                  "UPDATE users SET name = 'behind', version = ?, updated_at = now() WHERE id = ?::uuid");
          PreparedStatement event =
              c.prepareStatement(
                  "INSERT INTO outbox (event_id, aggregate_id, aggregate_version, event_type, payload,"
                      + " occurred_at) VALUES (?::uuid, ?::uuid, ?, 'UserProfileChanged', ?, now())")) {
        for (JsonObject u : users) {
          String id = u.getString("id");
          user.setLong(1, lastVersion);
          user.setString(2, id);
          assertEquals(1, user.executeUpdate());
          for (long v = 2; v <= lastVersion; v++) {
            UserEvent change = TopicWriter.profileChanged(id, v, "behind", u.getString("nickname"));
            event.setString(1, change.getEventId());
            event.setString(2, id);
            event.setLong(3, v);
            event.setBytes(4, change.toByteArray());
            event.addBatch();
          }
          event.executeBatch();
        }
      }
      c.commit();
    }
  }

  /**
   * Ten new users, each with versions 2 to 2,000 written behind the service (19,990 events in one
   * commit).
   *
   * @return each user's last version, by id
   */
  private static Map<String, Long> tenUsersWithABacklog(Stack stack, String prefix)
      throws SQLException {
    UsersApi api = new UsersApi(stack.userService());
    List<JsonObject> users = new ArrayList<>();
    Map<String, Long> last = new HashMap<>();
    for (int u = 0; u < 10; u++) {
      users.add(api.register(prefix + u));
      last.put(users.get(u).getString("id"), 2_000L);
    }
    changeBehindTheService(stack, users, 2_000);
    return last;
  }

  /** Polls until the relay has published part of the backlog; its progress then. */
  private static long[] partlyPublished(Connection c, Map<String, Long> last) {
    return Poll.until(
        "the relay to publish part of the backlog",
        Duration.ofSeconds(60),
        Duration.ofMillis(1),
        () -> outboxProgress(c, last),
        p -> p[0] > 0);
  }

  @Test
  void aSigkillWhileRelayingABacklogLosesNothing(Stack stack) throws Exception {
    // a backlog large enough to be half-way when the kill comes
    Map<String, Long> last = tenUsersWithABacklog(stack, "crash");
    // kill -9 as soon as the relay has published part of the backlog
    long[] progress;
    try (Connection c = stack.database().connectAs(Database.USER_DB)) {
      progress = partlyPublished(c, last);
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

  /**
   * The leader reads on the session that holds its lock: when that session is cut in the middle of
   * a backlog, the relay's next read fails, it gives the lead up, takes it again on a new session,
   * and every event still arrives in order.
   */
  @Test
  void theLeadersSessionCutMidBacklogLosesNothing(Stack stack) throws Exception {
    Map<String, Long> last = tenUsersWithABacklog(stack, "cut");
    long[] progress;
    try (Connection c = stack.database().connectAsAdmin(Service.USER.database())) {
      progress = partlyPublished(c, last);
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_locks"
                      + " WHERE locktype = 'advisory' AND granted AND objsubid = 1"
                      + " AND (classid::bigint << 32 | objid::bigint) = x'6f7574626f78'::bigint")) {
        rs.next();
        assertEquals(1, rs.getLong(1), "the leader's session was cut");
      }
    }
    assertTrue(progress[1] > 0, "cut mid-backlog: " + progress[0] + " published, " + progress[1]);

    try (UserEventsTopic topic = new UserEventsTopic(stack)) {
      var received = topic.awaitVersions(last, Duration.ofSeconds(120));
      last.forEach((id, version) -> assertInOrderWithoutGaps(id, received.get(id), version, true));
    }
    Poll.until(
        "the relay to lead again, not stalled",
        Duration.ofSeconds(30),
        () -> relayHealth(stack.userService()).getJsonObject("data"),
        d -> d.getBoolean("leader") && !d.getBoolean("stalled"));
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

  /**
   * Published and unpublished events of these users: a published event's row is deleted, so the
   * published ones are the users' versions minus the rows still in the outbox.
   */
  private static long[] outboxProgress(Connection c, Map<String, Long> lastVersions) {
    String in = String.join("','", lastVersions.keySet());
    long written = lastVersions.values().stream().mapToLong(Long::longValue).sum();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT count(*) FROM outbox WHERE aggregate_id IN ('" + in + "')")) {
      rs.next();
      return new long[] {written - rs.getLong(1), rs.getLong(1)};
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

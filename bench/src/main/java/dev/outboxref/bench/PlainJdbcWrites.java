package dev.outboxref.bench;

import com.google.protobuf.Timestamp;
import dev.outboxref.proto.events.v1.UserEvent;
import dev.outboxref.proto.events.v1.UserProfileChanged;
import dev.outboxref.proto.events.v1.UserRegistered;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.Stack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The baseline of the write path: the statements the user service's transaction sends to
 * PostgreSQL, in one transaction, with plain JDBC on a connection of each worker's own (as a pool
 * would give it). The statements are the service's, as read off the wire (docs/performance.md): a
 * profile change locks and reads the user row, updates it and inserts the event's outbox row; a
 * registration inserts both rows. Each outbox row carries an event of the contract, as large as the
 * service's. The relay is fenced off meanwhile, so the baseline does no relay work and its rows
 * (event type {@code Baseline}) are never sent; they are deleted before the relay leads again.
 */
final class PlainJdbcWrites {

  static final String LOCK_USER =
      "SELECT id, created_at, deleted_at, email, name, nickname, password_hash, updated_at,"
          + " version FROM users WHERE id = ? FOR UPDATE";
  static final String UPDATE_USER =
      "UPDATE users SET name = ?, version = ?, updated_at = ? WHERE id = ?";
  static final String INSERT_USER =
      "INSERT INTO users (id, created_at, deleted_at, email, name, nickname, password_hash,"
          + " updated_at, version) VALUES (?, ?, NULL, ?, 'Bench', 'b', 'pbkdf2-sha256$1$x$y', ?,"
          + " 1)";
  static final String INSERT_EVENT =
      "INSERT INTO outbox (event_id, aggregate_id, aggregate_version, event_type, payload,"
          + " traceparent, tracestate, occurred_at) VALUES (?, ?, ?, 'Baseline', ?, NULL, NULL,"
          + " ?)";

  /** One baseline write on a worker's own connection. */
  interface Write {
    boolean run(Connection c, int worker, long iteration) throws Exception;
  }

  private PlainJdbcWrites() {}

  /** A profile change of {@code userId}: lock and read, update, the event's row, commit. */
  static boolean changeName(Connection c, UUID userId, String name) throws Exception {
    try {
      long version;
      try (PreparedStatement lock = c.prepareStatement(LOCK_USER)) {
        lock.setObject(1, userId);
        try (ResultSet rs = lock.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalStateException("no user " + userId);
          }
          version = rs.getLong("version") + 1;
        }
      }
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      try (PreparedStatement update = c.prepareStatement(UPDATE_USER)) {
        update.setString(1, name);
        update.setLong(2, version);
        update.setObject(3, now);
        update.setObject(4, userId);
        update.executeUpdate();
      }
      insertEvent(c, profileChanged(userId, version, name, now.toInstant()), now);
      c.commit();
      return true;
    } catch (Exception e) {
      c.rollback();
      throw e;
    }
  }

  /** A registration's rows: the user at version 1 and its event, committed. */
  static boolean register(Connection c) throws Exception {
    try {
      UUID id = UUID.randomUUID();
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      try (PreparedStatement user = c.prepareStatement(INSERT_USER)) {
        user.setObject(1, id);
        user.setObject(2, now);
        user.setString(3, "jdbc-" + id + "@example.com");
        user.setObject(4, now);
        user.executeUpdate();
      }
      insertEvent(c, registered(id, now.toInstant()), now);
      c.commit();
      return true;
    } catch (Exception e) {
      c.rollback();
      throw e;
    }
  }

  /**
   * Runs the baseline for one phase: the relay fenced, one connection per worker, the baseline's
   * outbox rows deleted afterwards.
   */
  static Load.Result run(Stack stack, int concurrency, Duration phase, Write write)
      throws Exception {
    try (RelayFence fence = new RelayFence(stack);
        Connections connections = new Connections(stack, concurrency)) {
      fence.raise();
      Load.Result result =
          Load.run(
              concurrency, phase, Long.MAX_VALUE, (w, i) -> write.run(connections.of(w), w, i));
      try (Connection c = stack.database().connectAs(Database.USER_DB);
          Statement st = c.createStatement()) {
        st.executeUpdate("DELETE FROM outbox WHERE event_type = 'Baseline'");
      }
      fence.lower();
      return result;
    }
  }

  private static void insertEvent(Connection c, UserEvent event, OffsetDateTime at)
      throws Exception {
    try (PreparedStatement insert = c.prepareStatement(INSERT_EVENT)) {
      insert.setObject(1, UUID.fromString(event.getEventId()));
      insert.setObject(2, UUID.fromString(event.getUserId()));
      insert.setLong(3, event.getVersion());
      insert.setBytes(4, event.toByteArray());
      insert.setObject(5, at);
      insert.executeUpdate();
    }
  }

  private static UserEvent profileChanged(UUID id, long version, String name, Instant at) {
    return base(id, version, at)
        .setProfileChanged(UserProfileChanged.newBuilder().setName(name).setNickname("b"))
        .build();
  }

  private static UserEvent registered(UUID id, Instant at) {
    return base(id, 1, at)
        .setRegistered(UserRegistered.newBuilder().setName("Bench").setNickname("b"))
        .build();
  }

  private static UserEvent.Builder base(UUID id, long version, Instant at) {
    return UserEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setUserId(id.toString())
        .setVersion(version)
        .setOccurredAt(
            Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()));
  }

  /** One open connection per worker, without auto-commit, as a connection pool would give it. */
  private static final class Connections implements AutoCloseable {
    private final Connection[] connections;

    Connections(Stack stack, int count) throws Exception {
      connections = new Connection[count];
      for (int i = 0; i < count; i++) {
        connections[i] = stack.database().connectAs(Database.USER_DB);
        connections[i].setAutoCommit(false);
      }
    }

    Connection of(int worker) {
      return connections[worker];
    }

    @Override
    public void close() throws Exception {
      for (Connection c : connections) {
        c.close();
      }
    }
  }
}

package dev.outboxref.bench;

import dev.outboxref.stack.Database;
import dev.outboxref.stack.Stack;
import dev.outboxref.stack.TokenMint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A write load through the user service: PATCH /api/users/{id} in an open loop at an offered rate
 * (up to 64 requests in flight), each request changing a seeded user as that user: each user once,
 * or the users in turn for a given number of changes. An open loop keeps the offered rate whatever
 * the latency, so a slow path shows as latency and as an achieved rate below the offered one, not
 * as a lower load.
 */
final class OpenLoopPatches {

  /**
   * How many requests went out, how many failed, the rate of those that succeeded, and when the
   * first request for each user was sent (microseconds since the epoch, this machine's clock).
   */
  record Result(int sent, long failed, double achieved, Map<String, Long> sentMicros) {}

  private OpenLoopPatches() {}

  /** Users at version 1 in userdb, straight into the table; their nickname is the label. */
  static List<String> seedUsers(Stack stack, String label, int count) throws Exception {
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    try (Connection users = stack.database().connectAs(Database.USER_DB);
        PreparedStatement u =
            users.prepareStatement(
                "INSERT INTO users (id, email, name, nickname, password_hash, version, created_at,"
                    + " updated_at) VALUES (?::uuid, ?, 'Lag bench', ?, 'not-a-real-hash', 1,"
                    + " now(), now())")) {
      for (String id : ids) {
        u.setString(1, id);
        u.setString(2, id + "@example.com");
        u.setString(3, label);
        u.addBatch();
      }
      u.executeBatch();
    }
    return ids;
  }

  /** Changes the name of each user once, in order, at {@code rate} requests per second. */
  static Result run(Stack stack, List<String> ids, int rate, String name) throws Exception {
    return run(stack, ids, rate, ids.size(), name);
  }

  /**
   * Sends {@code count} name changes at {@code rate} requests per second, the users in turn (the
   * i-th request changes user i modulo their number); from the second round on, the name ends in
   * the round's number, so that every request is a change.
   */
  static Result run(Stack stack, List<String> ids, int rate, int count, String name)
      throws Exception {
    // each seeded user writes as themself: tokens minted before the clock starts
    Map<String, String> tokens = new HashMap<>();
    for (String id : ids) {
      tokens.put(id, TokenMint.forUser(stack, id));
    }
    UserApi api = new UserApi(stack.userService().baseUrl());
    Map<String, Long> sentMicros = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(64);
    AtomicLong failed = new AtomicLong();
    List<Future<?>> calls = new ArrayList<>(count);
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      LockSupport.parkNanos(start + i * interval - System.nanoTime()); // pacing of the open loop
      String id = ids.get(i % ids.size());
      int round = i / ids.size();
      String newName = round == 0 ? name : name + " " + round;
      calls.add(
          pool.submit(
              () -> {
                sentMicros.putIfAbsent(id, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
                if (api.changeName(id, tokens.get(id), newName) != 200) {
                  failed.incrementAndGet();
                }
              }));
    }
    for (Future<?> call : calls) {
      call.get();
    }
    double achieved = (count - failed.get()) / ((System.nanoTime() - start) / 1e9);
    pool.shutdown();
    return new Result(count, failed.get(), achieved, sentMicros);
  }
}

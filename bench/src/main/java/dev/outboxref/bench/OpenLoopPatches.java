package dev.outboxref.bench;

import dev.outboxref.stack.Database;
import dev.outboxref.stack.Stack;
import dev.outboxref.stack.TokenMint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A write load through the user service: PATCH /api/users/{id} in an open loop at an offered rate
 * (up to 64 requests in flight), each request changing a different seeded user once, as that user.
 * An open loop keeps the offered rate whatever the latency, so a slow path shows as latency and as
 * an achieved rate below the offered one, not as a lower load.
 */
final class OpenLoopPatches {

  /** How many requests went out, how many failed, and the rate of those that succeeded. */
  record Result(int sent, long failed, double achieved) {}

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
    // each seeded user writes as themself: tokens minted before the clock starts
    Map<String, String> tokens = new HashMap<>();
    for (String id : ids) {
      tokens.put(id, TokenMint.forUser(stack, id));
    }
    String base = stack.userService().baseUrl() + "/api/users/";
    String body = "{\"name\":\"" + name + "\"}";
    ExecutorService pool = Executors.newFixedThreadPool(64);
    AtomicLong failed = new AtomicLong();
    List<Future<?>> calls = new ArrayList<>(ids.size());
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < ids.size(); i++) {
      LockSupport.parkNanos(start + i * interval - System.nanoTime()); // pacing of the open loop
      String id = ids.get(i);
      calls.add(
          pool.submit(
              () -> {
                if (patch(base + id, tokens.get(id), body) != 200) {
                  failed.incrementAndGet();
                }
              }));
    }
    for (Future<?> call : calls) {
      call.get();
    }
    double achieved = (ids.size() - failed.get()) / ((System.nanoTime() - start) / 1e9);
    pool.shutdown();
    return new Result(ids.size(), failed.get(), achieved);
  }

  private static int patch(String url, String token, String body) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + token)
                  .timeout(Duration.ofSeconds(60))
                  .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}

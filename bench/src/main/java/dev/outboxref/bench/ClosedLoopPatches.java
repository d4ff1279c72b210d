package dev.outboxref.bench;

import dev.outboxref.stack.Stack;
import dev.outboxref.stack.TokenMint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The write path's capacity: PATCH /api/users/{id} through the user service in a closed loop, each
 * worker as fast as the service answers, over 64 seeded users (each request as its user). Worker w
 * of c changes users w, w + c, w + 2c, ..., so no two workers wait on one row lock; the plain JDBC
 * baseline ({@link #baseline}) changes the same users the same way.
 */
final class ClosedLoopPatches {

  private static final int USERS = 64;

  private final Stack stack;
  private final UserApi api;
  private final List<UUID> ids = new ArrayList<>();
  private final List<String> tokens = new ArrayList<>();

  /** Seeds the users (straight into userdb, nickname {@code label}) and mints their tokens. */
  ClosedLoopPatches(Stack stack, String label) throws Exception {
    this.stack = stack;
    this.api = new UserApi(stack.userService().baseUrl());
    for (String id : OpenLoopPatches.seedUsers(stack, label, USERS)) {
      ids.add(UUID.fromString(id));
      tokens.add(TokenMint.forUser(stack, id));
    }
  }

  /** The service at this concurrency for this long. */
  Load.Result service(int concurrency, Duration duration) throws Exception {
    return Load.run(
        concurrency,
        duration,
        Long.MAX_VALUE,
        (w, i) -> {
          int user = userOf(w, i, concurrency);
          return api.changeName(ids.get(user).toString(), tokens.get(user), "n" + i) == 200;
        });
  }

  /** The same changes with plain JDBC, the service's statements ({@link PlainJdbcWrites}). */
  Load.Result baseline(int concurrency, Duration duration) throws Exception {
    return PlainJdbcWrites.run(
        stack,
        concurrency,
        duration,
        (connection, w, i) ->
            PlainJdbcWrites.changeName(connection, ids.get(userOf(w, i, concurrency)), "j" + i));
  }

  /**
   * Closed-loop slices of {@code slice} at this concurrency until the JIT has settled: the last
   * three slices within 5 % of their mean, or {@code max} elapsed. Returns each slice's rate.
   */
  List<Double> warmUp(int concurrency, Duration slice, Duration max) throws Exception {
    List<Double> rates = new ArrayList<>();
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      rates.add(service(concurrency, slice).throughput());
      if (settled(rates)) {
        break;
      }
    }
    return rates;
  }

  /** The last three rates within 5 % of their mean. */
  static boolean settled(List<Double> rates) {
    if (rates.size() < 3) {
      return false;
    }
    List<Double> last = rates.subList(rates.size() - 3, rates.size());
    double mean = last.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    return last.stream().allMatch(r -> Math.abs(r - mean) <= 0.05 * mean);
  }

  private static int userOf(int worker, long iteration, int concurrency) {
    return worker + (int) (iteration % (USERS / concurrency)) * concurrency;
  }
}

package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.stack.Stack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A broker restart is routine (every rolling update does one): the broker is SIGKILLed while
 * profile changes flow at a steady rate, stays away for more than 20 s, and comes back with its
 * data. The post service is NOT restarted, and every acknowledged change must reach the replica
 * within 30 s of the broker's return. (On kafka-clients 4.1.1 with the liberty-kafka consumer the
 * incoming channel died here for good, KAFKA-20232, and health said UP.)
 */
@ExtendWith(StackExtension.class)
class ReplicaBrokerKillIT {

  private static final int USERS = 40;
  private static final long WRITES_PER_SECOND = 80;
  private static final Duration OUTAGE = Duration.ofSeconds(22);

  @Test
  void aKilledBrokerComesBackAndTheReplicaCatchesUpWithoutARestart(Stack stack) throws Exception {
    UsersApi users = new UsersApi(stack.userService());
    List<String> ids = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      ids.add(users.register("broker-kill-" + u).getString("id"));
    }
    long postServicePid = stack.postService().pid();
    Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    AtomicLong writes = new AtomicLong();
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<?> writer =
        pool.submit(
            () -> {
              long interval = 1_000_000_000L / WRITES_PER_SECOND;
              long next = System.nanoTime();
              for (long n = 0; writing.get(); n++) {
                next += interval;
                LockSupport.parkNanos(next - System.nanoTime());
                String id = ids.get((int) (n % USERS));
                acknowledged.put(id, users.rename(id, "kill " + n));
                writes.incrementAndGet();
              }
              return null;
            });
    long brokerBack;
    try {
      awaitWrites("writes to flow before the kill", writes, 400);
      stack.broker().kill();
      long killedAt = System.nanoTime();
      Poll.until(
          "the broker to stay away " + OUTAGE.toSeconds() + " s while writes go on",
          OUTAGE.plusSeconds(30),
          () -> System.nanoTime() - killedAt,
          elapsed -> elapsed >= OUTAGE.toNanos());
      stack.broker().start();
      brokerBack = System.nanoTime();
      awaitWrites("writes to go on after the broker's return", writes, writes.get() + 400);
    } finally {
      writing.set(false);
      writer.get();
      pool.shutdown();
    }

    PostsApi posts = new PostsApi(stack);
    Duration left =
        Duration.ofNanos(brokerBack + Duration.ofSeconds(30).toNanos() - System.nanoTime());
    Poll.until(
        "every acknowledged change in the replica within 30 s of the broker's return",
        left.isNegative() ? Duration.ZERO : left,
        () -> behind(posts, acknowledged),
        List::isEmpty);
    System.out.printf(
        "Replica caught up %.1f s after the broker's return (%d acknowledged changes)%n",
        (System.nanoTime() - brokerBack) / 1e9, writes.get());
    assertEquals(postServicePid, stack.postService().pid(), "the post service was not restarted");
    assertTrue(acknowledged.size() == USERS, "every user was changed: " + acknowledged.size());
  }

  private static void awaitWrites(String what, AtomicLong writes, long atLeast) {
    Poll.until(what, Duration.ofSeconds(60), writes::get, n -> n >= atLeast);
  }

  /** The users whose replica row is older than the last acknowledged change. */
  private static List<String> behind(PostsApi posts, Map<String, Long> acknowledged) {
    List<String> behind = new ArrayList<>();
    acknowledged.forEach(
        (id, version) -> {
          long replica = posts.replica(id).map(PostsApi.ReplicaRow::version).orElse(0L);
          if (replica < version) {
            behind.add(id + " at " + replica + " < " + version);
          }
        });
    return behind;
  }
}

package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.UserEventsTopic;
import it.dev.outboxref.support.UsersApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many concurrent changes to a few users: each user's events arrive as 1, 2, 3, ... exactly. */
@ExtendWith(StackExtension.class)
class EventOrderIT {

  static final int USERS = 4;
  static final int THREADS = 8;
  static final int CHANGES_PER_THREAD = 40;

  @Test
  void concurrentUpdatesArriveInVersionOrderPerUserWithoutGaps(Stack stack) throws Exception {
    UsersApi api = new UsersApi(stack.userService());
    List<String> ids = new ArrayList<>();
    Map<String, AtomicLong> lastVersion = new ConcurrentHashMap<>();
    for (int i = 0; i < USERS; i++) {
      String id = api.register("order" + i).getString("id");
      ids.add(id);
      lastVersion.put(id, new AtomicLong(1));
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        work.add(
            pool.submit(
                () -> {
                  for (int n = 0; n < CHANGES_PER_THREAD; n++) {
                    String id = ids.get((thread + n) % USERS);
                    long version = api.rename(id, "t" + thread + "-n" + n);
                    lastVersion.get(id).accumulateAndGet(version, Math::max);
                  }
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Long> expected = new HashMap<>();
    lastVersion.forEach((id, v) -> expected.put(id, v.get()));
    assertEquals(
        USERS + THREADS * CHANGES_PER_THREAD,
        expected.values().stream().mapToLong(Long::longValue).sum());

    try (UserEventsTopic topic = new UserEventsTopic(stack)) {
      var received = topic.awaitVersions(expected, Duration.ofSeconds(60));
      for (String id : ids) {
        List<Long> versions = received.get(id).stream().map(r -> r.event().getVersion()).toList();
        assertEquals(
            LongStream.rangeClosed(1, expected.get(id)).boxed().toList(), versions, "user " + id);
      }
    }
  }
}

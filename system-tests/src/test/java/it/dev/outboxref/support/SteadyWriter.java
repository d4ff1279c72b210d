package it.dev.outboxref.support;

import dev.outboxref.stack.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Renames the given users in turn at a steady rate (open loop) on a thread of its own until closed,
 * remembering the version of each acknowledged change. The user service keeps taking writes while
 * the broker or postdb is away, so a fault test runs it through the fault.
 */
public final class SteadyWriter implements AutoCloseable {

  /** The last acknowledged version of each user. */
  public final Map<String, Long> acknowledged = new ConcurrentHashMap<>();

  private final AtomicLong writes = new AtomicLong();
  private final AtomicBoolean writing = new AtomicBoolean(true);
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final Future<?> loop;

  public SteadyWriter(UsersApi users, List<String> ids, long perSecond) {
    loop =
        pool.submit(
            () -> {
              long interval = 1_000_000_000L / perSecond;
              long next = System.nanoTime();
              for (long n = 0; writing.get(); n++) {
                next += interval;
                LockSupport.parkNanos(next - System.nanoTime());
                String id = ids.get((int) (n % ids.size()));
                acknowledged.put(id, users.rename(id, "write " + n));
                writes.incrementAndGet();
              }
              return null;
            });
  }

  /** Acknowledged writes so far. */
  public long count() {
    return writes.get();
  }

  /** Waits until at least this many writes were acknowledged. */
  public void awaitWrites(long atLeast) {
    Poll.until("writes to go on", Duration.ofSeconds(60), writes::get, n -> n >= atLeast);
  }

  /** Stops writing; rethrows what failed a write. */
  @Override
  public void close() throws Exception {
    writing.set(false);
    try {
      loop.get();
    } finally {
      pool.shutdown();
    }
  }
}

package dev.outboxref.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load: N workers repeat an operation for a fixed time (and at most a fixed count).
 */
final class Load {

  /** One operation; returns false when it failed (counted, not timed). */
  interface Operation {
    boolean run(int worker, long iteration) throws Exception;
  }

  record Result(int concurrency, long ok, long failed, double seconds, Latencies latencies) {
    double throughput() {
      return ok / seconds;
    }
  }

  static Result run(int concurrency, Duration duration, long maxOperations, Operation operation)
      throws Exception {
    Latencies latencies = new Latencies();
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong issued = new AtomicLong();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        int worker = w;
        workers.add(
            pool.submit(
                () -> {
                  long i;
                  while (System.nanoTime() < end
                      && (i = issued.getAndIncrement()) < maxOperations) {
                    long t0 = System.nanoTime();
                    boolean success;
                    try {
                      success = operation.run(worker, i);
                    } catch (Exception e) {
                      success = false;
                    }
                    if (success) {
                      latencies.add((System.nanoTime() - t0) / 1000);
                      ok.incrementAndGet();
                    } else {
                      failed.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : workers) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Result(
        concurrency, ok.get(), failed.get(), (System.nanoTime() - start) / 1e9, latencies);
  }
}

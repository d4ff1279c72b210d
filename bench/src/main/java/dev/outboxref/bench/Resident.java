package dev.outboxref.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** The resident memory and thread count of a process, read from {@code /proc} (Linux). */
final class Resident {

  private Resident() {}

  /** Resident set size in MiB; 0 once the process is gone. */
  static long mib(long pid) {
    return field(pid, "VmRSS:") / 1024;
  }

  /** Live threads; 0 once the process is gone. */
  static long threads(long pid) {
    return field(pid, "Threads:");
  }

  private static long field(long pid, String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
    return 0;
  }

  /** The highest resident memory and thread count seen by a background sampler, every 100 ms. */
  static final class Peak implements AutoCloseable {
    private final AtomicLong mib = new AtomicLong();
    private final AtomicLong threads = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    Peak(long pid) {
      sampler =
          new Thread(
              () -> {
                while (running) {
                  mib.accumulateAndGet(Resident.mib(pid), Math::max);
                  threads.accumulateAndGet(Resident.threads(pid), Math::max);
                  try {
                    Thread.sleep(100); // the sampling period
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "resident-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    long mib() {
      return mib.get();
    }

    long threads() {
      return threads.get();
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      sampler.join();
    }
  }
}

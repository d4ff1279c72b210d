package dev.outboxref.user.directory;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/**
 * The {@code StreamUsers} streams of this server: at most {@code
 * user-directory.stream-max-concurrent} at once (default 4), each ended after {@code
 * user-directory.stream-max-seconds} (default 300) or at the caller's deadline if that comes first.
 * Their number is the gauge {@code user_directory_streams_open}.
 */
@ApplicationScoped
public class UserStreams {

  @Inject
  @ConfigProperty(name = "user-directory.stream-max-concurrent", defaultValue = "4")
  int maxConcurrent;

  @Inject
  @ConfigProperty(name = "user-directory.stream-max-seconds", defaultValue = "300")
  long maxSeconds;

  @Resource ManagedScheduledExecutorService managedTimer;

  private ScheduledExecutorService timer;
  private final AtomicInteger open = new AtomicInteger();

  UserStreams() {}

  /** For unit tests: these limits, deadlines on this timer. */
  UserStreams(int maxConcurrent, Duration maxDuration, ScheduledExecutorService timer) {
    this.maxConcurrent = maxConcurrent;
    this.maxSeconds = maxDuration.toSeconds();
    this.timer = timer;
  }

  /**
   * The gauge registers when the bean is created: create it at start-up, not at the first scrape.
   */
  void register(@Observes Startup startup) {}

  @Gauge(
      name = "user.directory.streams.open",
      unit = MetricUnits.NONE,
      absolute = true,
      description =
          "StreamUsers streams open in this instance (sending or waiting for their client)")
  public int open() {
    return open.get();
  }

  /** Takes a place for one more stream; false if {@link #maxConcurrent} are open already. */
  boolean tryOpen() {
    while (true) {
      int now = open.get();
      if (now >= maxConcurrent) {
        return false;
      }
      if (open.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** Gives back the place {@link #tryOpen} took. */
  void closed() {
    open.decrementAndGet();
  }

  int maxConcurrent() {
    return maxConcurrent;
  }

  Duration maxDuration() {
    return Duration.ofSeconds(maxSeconds);
  }

  /** Runs {@code task} once after {@code delay}, on a timer thread (not the stream's). */
  ScheduledFuture<?> after(Duration delay, Runnable task) {
    ScheduledExecutorService t = timer != null ? timer : managedTimer;
    return t.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
  }
}

package dev.outboxref.bench;

import java.util.Arrays;

/** Latency samples in microseconds and their percentiles. */
final class Latencies {

  private long[] samples = new long[1024];
  private int count;

  synchronized void add(long micros) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = micros;
  }

  /** Adds every sample of {@code other}, e.g. to pool the rounds of one measurement. */
  void addAll(Latencies other) {
    long[] theirs;
    int n;
    synchronized (other) {
      theirs = other.samples;
      n = other.count;
    }
    for (int i = 0; i < n; i++) {
      add(theirs[i]);
    }
  }

  synchronized int count() {
    return count;
  }

  /** The q-quantile (0..1) in milliseconds, nearest-rank. */
  synchronized double percentileMs(double q) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, rank))] / 1000.0;
  }
}

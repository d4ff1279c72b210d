package dev.outboxref.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** What every benchmark report says about where it ran. */
final class Reports {

  private Reports() {}

  static String machine() {
    Runtime rt = Runtime.getRuntime();
    return String.format(
        "Machine: %d cores, %d GiB RAM, %s %s, Java %s. Everything (PostgreSQL, Kafka, both Liberty servers, this load generator) on this one machine.%n",
        rt.availableProcessors(),
        Math.round(physicalMemoryGiB()),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.version"));
  }

  private static double physicalMemoryGiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0;
        }
      }
    } catch (Exception e) {
      // unknown
    }
    return Double.NaN;
  }
}

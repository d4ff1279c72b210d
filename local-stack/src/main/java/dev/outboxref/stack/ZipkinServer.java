package dev.outboxref.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The trace viewer of the local stack: Zipkin's server ({@code io.zipkin:zipkin-server}, the slim
 * executable jar that local-stack's build copies to {@code local-stack/target/zipkin}) in a JVM of
 * its own, with in-memory storage, on localhost only. Zipkin's server takes spans in Zipkin's own
 * format, not OTLP, so the services use the Zipkin exporter of Liberty's OpenTelemetry SDK ({@code
 * OTEL_TRACES_EXPORTER=zipkin}) to send to {@link #spansEndpoint}.
 */
public final class ZipkinServer {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Spans kept in memory, the oldest traces dropped first: some 10,000 registrations, within the
   * heap below.
   */
  static final int MAX_SPANS = 50_000;

  private final Path jar;
  private final int port;
  private final Path dataDirectory;
  private ChildProcess process;

  ZipkinServer(Path jar, int port, Path dataDirectory) {
    this.jar = jar;
    this.port = port;
    this.dataDirectory = dataDirectory;
  }

  /** The UI and the query API ({@code /api/v2/...}). */
  public String baseUrl() {
    return "http://localhost:" + port;
  }

  /** Where the services' Zipkin exporter posts spans (OTEL_EXPORTER_ZIPKIN_ENDPOINT). */
  public String spansEndpoint() {
    return "http://127.0.0.1:" + port + "/api/v2/spans";
  }

  /** Starts the JVM without waiting for it: it comes up while PostgreSQL and Kafka start. */
  synchronized void launch() {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "No Zipkin server at " + jar + ": build local-stack first (or let ./stack do it).");
    }
    Ports.requireFree("Zipkin", port);
    Path directory = dataDirectory.resolve("zipkin");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    process =
        ChildProcess.start(
            "zipkin",
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms32m",
                "-Xmx256m",
                // one collector thread instead of one per core: the machine runs the whole stack
                "-XX:+UseSerialGC",
                "-jar",
                jar.toString(),
                // Zipkin's listener list, replaced whole: one port, on the loopback interface only
                "--armeria.ports[0].port=" + port,
                "--armeria.ports[0].ip=127.0.0.1",
                "--armeria.ports[0].protocols=http"),
            Map.of("STORAGE_TYPE", "mem", "MEM_MAX_SPANS", Integer.toString(MAX_SPANS)),
            directory,
            dataDirectory);
  }

  /** Waits until {@code /health} answers 200, failing fast if the JVM exits. */
  void awaitReady() {
    Poll.until(
        "Zipkin at " + baseUrl() + "/health",
        START_TIMEOUT,
        () -> {
          ChildProcess p = process;
          if (p == null || !p.isAlive()) {
            throw new IllegalStateException(
                "Zipkin exited during start-up:\n" + (p == null ? "" : p.logTail(40)));
          }
          return HttpProbe.status("http://127.0.0.1:" + port + "/health", Duration.ofSeconds(2))
              == 200;
        });
  }

  synchronized void stop() {
    if (process != null) {
      process.stop(Duration.ofSeconds(10));
      process = null;
    }
  }
}

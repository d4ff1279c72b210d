package dev.outboxref.stack;

import dev.outboxref.descriptor.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of a service's Liberty server, as built by its module under {@code
 * <module>/target/liberty/wlp}, run with {@code server run} in a process of its own. The instance's
 * output (logs, workarea) lives under the stack's data directory, so several instances of one
 * server can run side by side on different ports.
 */
public final class LibertyServer {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private final Service service;
  private final String instance;
  private final Path wlp;
  private final int httpPort;
  private final Map<String, String> env;
  private final Path dataDirectory;
  private ChildProcess process;

  LibertyServer(
      Service service,
      String instance,
      Path wlp,
      int httpPort,
      Map<String, String> env,
      Path dataDirectory) {
    this.service = service;
    this.instance = instance;
    this.wlp = wlp;
    this.httpPort = httpPort;
    this.env = Map.copyOf(env);
    this.dataDirectory = dataDirectory;
  }

  /** Which service this is an instance of. */
  public Service service() {
    return service;
  }

  public String instance() {
    return instance;
  }

  public String baseUrl() {
    return "http://localhost:" + httpPort;
  }

  public int httpPort() {
    return httpPort;
  }

  /** The same server with one environment variable changed (not started). */
  public LibertyServer withEnvironment(String name, String value) {
    Map<String, String> changed = new HashMap<>(env);
    changed.put(name, value);
    return new LibertyServer(service, instance, wlp, httpPort, changed, dataDirectory);
  }

  /**
   * The environment the server runs with (ports, database, Kafka), e.g. for {@code liberty:dev}.
   */
  public Map<String, String> environment() {
    return env;
  }

  public Path messagesLog() {
    return dataDirectory
        .resolve("liberty")
        .resolve(instance)
        .resolve(service.serverName())
        .resolve("logs")
        .resolve("messages.log");
  }

  /** Launches the server without waiting for it. */
  public synchronized void launch() {
    Path script = wlp.resolve("bin").resolve("server");
    if (!Files.isExecutable(script)) {
      throw new IllegalStateException(
          "No Liberty server at "
              + wlp
              + ": build it first (./mvnw install -DskipTests, or let ./stack do it).");
    }
    Ports.requireFree(instance + " HTTP", httpPort);
    Map<String, String> processEnv = new HashMap<>(env);
    processEnv.put("JAVA_HOME", System.getProperty("java.home"));
    processEnv.put("WLP_OUTPUT_DIR", dataDirectory.resolve("liberty").resolve(instance).toString());
    process =
        ChildProcess.start(
            instance,
            List.of(script.toString(), "run", service.serverName()),
            processEnv,
            wlp,
            dataDirectory);
  }

  /** Waits until {@code /health/ready} answers 200, failing fast if the server dies. */
  public void awaitReady() {
    Poll.until(
        instance + " to be ready at " + baseUrl() + "/health/ready (log: " + messagesLog() + ")",
        START_TIMEOUT,
        () -> {
          ChildProcess p = process;
          if (p == null || !p.isAlive()) {
            throw new IllegalStateException(
                instance + " exited during start-up:\n" + (p == null ? "" : p.logTail(40)));
          }
          failIfTheApplicationFailed();
          return HttpProbe.status(baseUrl() + "/health/ready", Duration.ofSeconds(5)) == 200;
        });
  }

  /** Liberty keeps running when the application fails to start: fail fast with its message. */
  private void failIfTheApplicationFailed() {
    try {
      if (Files.exists(messagesLog())) {
        try (var lines = Files.lines(messagesLog())) {
          lines
              .filter(l -> l.contains("CWWKZ0002E") || l.contains("CWWKZ0004E"))
              .findFirst()
              .ifPresent(
                  l -> {
                    throw new IllegalStateException(
                        instance + " could not start its application: " + l);
                  });
        }
      }
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      // the log is being written; the next poll reads it again
    }
  }

  public void start() {
    launch();
    awaitReady();
  }

  /** SIGTERM: Liberty quiesces (finishes in-flight work) and stops, as on a Kubernetes pod stop. */
  public synchronized void stop() {
    if (process != null) {
      process.stop(Duration.ofSeconds(60));
      process = null;
    }
  }

  /** SIGKILL, as a crash or an OOM kill would do. */
  public synchronized void kill() {
    if (process != null) {
      process.kill();
      process = null;
    }
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The pids of the server's processes (for checks that nothing is left behind). */
  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }
}

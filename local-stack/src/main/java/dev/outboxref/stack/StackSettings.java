package dev.outboxref.stack;

import dev.outboxref.descriptor.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the stack starts and where. {@link #defaults} is the local development setup with the
 * documented ports; {@link #forTests} uses free ports so tests never collide with a running stack.
 */
public final class StackSettings {

  Path repositoryRoot;
  Path dataDirectory;
  int postgresPort = 15432;
  int kafkaPort = 19092;
  int kafkaControllerPort = 19093;
  int userHttpPort = Service.USER.httpPort();
  int userHttpsPort = Service.USER.httpsPort();
  int postHttpPort = Service.POST.httpPort();
  int postHttpsPort = Service.POST.httpsPort();
  int zipkinPort = 9411;
  int topicPartitions = 6;
  boolean userService = true;
  boolean postService = true;
  boolean jsonLogs;
  boolean clean;
  boolean externalPostgres;
  boolean traceViewer;
  boolean logicalReplication;
  KafkaBroker.Security kafkaSecurity = KafkaBroker.Security.PLAINTEXT;
  Optional<String> externalKafka = Optional.empty();
  Optional<String> otlpEndpoint = Optional.empty();

  /** Extra environment variables by service. */
  final Map<Service, Map<String, String>> serviceEnvironment = new LinkedHashMap<>();

  private StackSettings(Path repositoryRoot, Path dataDirectory) {
    this.repositoryRoot = repositoryRoot;
    this.dataDirectory = dataDirectory;
  }

  /** The local development setup: documented ports, traces to the local Zipkin. */
  public static StackSettings defaults() {
    Path root = findRepositoryRoot();
    StackSettings s = new StackSettings(root, root.resolve(".stack"));
    s.traceViewer = true;
    return s;
  }

  public static StackSettings forTests(Path dataDirectory) {
    StackSettings s = new StackSettings(findRepositoryRoot(), dataDirectory);
    s.useFreePorts();
    return s;
  }

  void useFreePorts() {
    int[] ports = Ports.free(8);
    postgresPort = ports[0];
    kafkaPort = ports[1];
    kafkaControllerPort = ports[2];
    userHttpPort = ports[3];
    userHttpsPort = ports[4];
    postHttpPort = ports[5];
    postHttpsPort = ports[6];
    zipkinPort = ports[7];
  }

  /** How clients (the services, the tests) connect to the local broker. */
  public StackSettings kafkaSecurity(KafkaBroker.Security security) {
    kafkaSecurity = security;
    return this;
  }

  /**
   * Export both services' traces over OTLP (HTTP, protobuf) to this endpoint, e.g. {@code
   * http://localhost:4318} for a local Jaeger or OpenTelemetry collector; with {@link #traceViewer}
   * too, each span goes to both.
   */
  public StackSettings otlp(String endpoint) {
    otlpEndpoint = Optional.of(endpoint);
    return this;
  }

  /** Start the trace viewer (Zipkin) and export both services' traces to it. */
  public StackSettings traceViewer() {
    traceViewer = true;
    return this;
  }

  /** Liberty logs as JSON lines (LOG_FORMAT=JSON), as log collectors in Kubernetes read them. */
  public StackSettings jsonLogs() {
    jsonLogs = true;
    return this;
  }

  /**
   * The embedded PostgreSQL with {@code wal_level=logical} and room for replication slots (it
   * always records commit timestamps, {@code track_commit_timestamp}), for a bench that reads the
   * outbox by change data capture (Debezium) and times each event from its commit; the services
   * never need it.
   */
  public StackSettings logicalReplication() {
    logicalReplication = true;
    return this;
  }

  /** Without the post service, for a bench that measures the user service and Kafka only. */
  public StackSettings withoutPostService() {
    postService = false;
    return this;
  }

  /** Start from an empty data directory (no data, no logs of earlier runs). */
  public StackSettings clean() {
    clean = true;
    return this;
  }

  /**
   * An extra environment variable for every server of a service, e.g. a cheaper password hash for
   * tests.
   */
  public StackSettings serviceEnvironment(Service service, String name, String value) {
    serviceEnvironment.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(name, value);
    return this;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  Path wlp(Service service) {
    return repositoryRoot
        .resolve(service.module())
        .resolve("target")
        .resolve("liberty")
        .resolve("wlp");
  }

  Path kafkaClassPath() {
    return repositoryRoot.resolve("local-stack").resolve("target").resolve("lib");
  }

  Path zipkinJar() {
    return repositoryRoot.resolve("local-stack/target/zipkin/zipkin-server.jar");
  }

  /**
   * The repository root: the nearest directory upwards from the working directory that holds
   * local-stack/.
   */
  static Path findRepositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("local-stack")) && Files.exists(d.resolve("pom.xml"))) {
        return d;
      }
    }
    throw new IllegalStateException("Run from inside the repository: no local-stack/ above " + dir);
  }
}

package dev.outboxref.stack;

import dev.outboxref.descriptor.Service;
import dev.outboxref.descriptor.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The whole system on one machine: PostgreSQL, then Kafka (with topic user-events), then both
 * Liberty servers (launched together, each awaited until ready); the trace viewer (Zipkin), if
 * asked for, comes up beside PostgreSQL and Kafka. {@link #close} stops them in reverse order.
 */
public final class Stack implements AutoCloseable {

  private final StackSettings settings;
  private final Database database;
  private final KafkaBroker broker;
  private final Optional<ZipkinServer> traceViewer;
  private final List<LibertyServer> services = new ArrayList<>();
  private volatile boolean closing;
  private LibertyServer userService;
  private LibertyServer postService;
  private final String adminToken;
  private final String directoryCredential;

  /** The secrets entry of the post service's admin token (Authorization: Bearer ...). */
  public static final String ADMIN_TOKEN_SECRET = "post-service-admin-token";

  /** The service credential the user directory (gRPC) asks of its callers. */
  public static final String DIRECTORY_CREDENTIAL_SECRET = "user-directory-credential";

  private Stack(StackSettings settings) {
    this.settings = settings;
    ChildProcess.claimDataDirectory(settings.dataDirectory);
    if (settings.clean) {
      LocalStack.clean(settings.dataDirectory);
      ChildProcess.claimDataDirectory(settings.dataDirectory);
    }
    Secrets secrets = Secrets.loadOrCreate(settings.dataDirectory.resolve("secrets.properties"));
    this.adminToken = secrets.password(ADMIN_TOKEN_SECRET);
    this.directoryCredential = secrets.password(DIRECTORY_CREDENTIAL_SECRET);
    this.database =
        settings.externalPostgres
            ? Database.external(secrets)
            : Database.embedded(
                settings.dataDirectory.resolve("postgres"),
                settings.postgresPort,
                settings.logicalReplication,
                secrets);
    this.broker =
        settings
            .externalKafka
            .map(bootstrap -> KafkaBroker.external(settings.dataDirectory, bootstrap, secrets))
            .orElseGet(
                () ->
                    KafkaBroker.local(
                        settings.dataDirectory,
                        settings.kafkaClassPath(),
                        settings.kafkaPort,
                        settings.kafkaControllerPort,
                        settings.kafkaSecurity,
                        secrets));
    this.traceViewer =
        settings.traceViewer
            ? Optional.of(
                new ZipkinServer(settings.zipkinJar(), settings.zipkinPort, settings.dataDirectory))
            : Optional.empty();
  }

  /** Starts everything the settings ask for; on failure stops what already runs and rethrows. */
  public static Stack start(StackSettings settings) {
    Stack stack = prepare(settings);
    try {
      stack.startAll();
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /**
   * A stack that owns its data directory but has started nothing yet: register {@link #close} (e.g.
   * as a shutdown hook) before {@link #startAll}, so that an interrupted start stops what it began.
   */
  public static Stack prepare(StackSettings settings) {
    return new Stack(settings);
  }

  /** Starts everything in order; refuses to go on once {@link #close} has begun. */
  public void startAll() {
    traceViewer.ifPresent(
        zipkin -> {
          log("Starting Zipkin (trace viewer) on " + zipkin.baseUrl());
          synchronized (services) {
            if (closing) {
              throw new IllegalStateException("The stack is stopping");
            }
            zipkin.launch();
          }
        });
    log(
        "Starting PostgreSQL"
            + (database.isEmbedded() ? " (embedded) on port " + database.port() : " (external)"));
    database.start();
    log(
        "Starting Kafka"
            + (settings.externalKafka.isPresent() ? " (external)" : "")
            + " at "
            + broker.bootstrapServers());
    broker.start();
    broker.createTopic(Topics.USER_EVENTS, settings.topicPartitions);
    traceViewer.ifPresent(ZipkinServer::awaitReady);

    userService =
        service(
            Service.USER, Service.USER.appName(), settings.userHttpPort, settings.userHttpsPort);
    postService =
        service(
            Service.POST, Service.POST.appName(), settings.postHttpPort, settings.postHttpsPort);
    List<LibertyServer> toStart = new ArrayList<>();
    if (settings.userService) {
      toStart.add(userService);
    }
    if (settings.postService) {
      toStart.add(postService);
    }
    for (LibertyServer server : toStart) {
      log("Starting " + server.instance() + " on " + server.baseUrl());
      synchronized (services) {
        if (closing) {
          throw new IllegalStateException("The stack is stopping");
        }
        server.launch();
        services.add(server);
      }
    }
    for (LibertyServer server : toStart) {
      server.awaitReady();
    }
  }

  /**
   * A server instance of a service wired to this stack's database and broker (not started); the
   * instance name (e.g. post-service-2 beside post-service) names its logs and files.
   */
  public LibertyServer service(Service service, String instance, int httpPort, int httpsPort) {
    Database.ServiceDatabase db = Database.ServiceDatabase.of(service);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HTTP_PORT", Integer.toString(httpPort));
    env.put("HTTPS_PORT", Integer.toString(httpsPort));
    env.put("DB_HOST", database.host());
    env.put("DB_PORT", Integer.toString(database.port()));
    env.put("DB_NAME", db.name());
    env.put("DB_USER", db.role());
    env.put("DB_PASSWORD", database.password(db));
    // as in Kubernetes: TLS, and the server's certificate and host name checked against its CA
    database
        .caCertificate()
        .ifPresent(
            ca -> {
              env.put("DB_SSL_MODE", "verify-full");
              env.put("DB_SSL_ROOT_CERT", ca.toString());
            });
    env.putAll(broker.serviceEnvironment(service.appName()));
    // access tokens: the user service signs them and validates them against its own JWKS (its
    // default location, on its own port); the post service fetches that JWKS
    if (service == Service.USER) {
      env.put("AUTH_TOKEN_SIGNING_KEY", tokenSigningKey().toString());
      env.put("USER_DIRECTORY_CALLER_CREDENTIAL", directoryCredential);
    }
    if (service == Service.POST) {
      env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwksUrl());
      // the user directory is gRPC on the user service's HTTP port (h2c)
      env.put("USER_SERVICE_GRPC_TARGET", "localhost:" + settings.userHttpPort);
      env.put("ADMIN_TOKEN", adminToken);
      env.put("USER_SERVICE_GRPC_CREDENTIAL", directoryCredential);
    }
    env.put("LOG_FORMAT", settings.jsonLogs ? "JSON" : "SIMPLE");
    env.putAll(telemetry(instance));
    env.putAll(settings.serviceEnvironment.getOrDefault(service, Map.of()));
    writeEnvFile(instance, env);
    return new LibertyServer(
        service, instance, settings.wlp(service), httpPort, env, settings.dataDirectory);
  }

  /**
   * MicroProfile Telemetry on, every span exported to the trace viewer (Zipkin's format) and/or
   * over OTLP/HTTP, as in Kubernetes; off (Liberty's default) when the stack has neither.
   */
  private Map<String, String> telemetry(String serviceName) {
    Map<String, String> env = new LinkedHashMap<>();
    List<String> exporters = new ArrayList<>();
    settings.otlpEndpoint.ifPresent(
        endpoint -> {
          exporters.add("otlp");
          env.put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
          env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        });
    traceViewer.ifPresent(
        zipkin -> {
          exporters.add("zipkin");
          env.put("OTEL_EXPORTER_ZIPKIN_ENDPOINT", zipkin.spansEndpoint());
        });
    if (exporters.isEmpty()) {
      return env;
    }
    env.put("OTEL_SDK_DISABLED", "false");
    env.put("OTEL_SERVICE_NAME", serviceName);
    // a list: the SDK sends each span to every exporter named
    env.put("OTEL_TRACES_EXPORTER", String.join(",", exporters));
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.put("OTEL_TRACES_SAMPLER", "parentbased_always_on");
    // export within a fraction of a second (default 5 s), for a developer watching traces
    env.put("OTEL_BSP_SCHEDULE_DELAY", "200");
    return env;
  }

  /** Where the user service publishes the public keys of its access tokens. */
  public String jwksUrl() {
    return "http://localhost:" + settings.userHttpPort + "/.well-known/jwks.json";
  }

  /** The PEM file of the key the user service signs access tokens with. */
  public Path tokenSigningKey() {
    return TokenSigningKey.createIfMissing(settings.dataDirectory);
  }

  /** The token the post service's admin endpoints ask for. */
  public String adminToken() {
    return adminToken;
  }

  /** The service credential a caller of the user directory presents (gRPC metadata). */
  public String directoryCredential() {
    return directoryCredential;
  }

  public Database database() {
    return database;
  }

  public KafkaBroker broker() {
    return broker;
  }

  /** The trace viewer, if the settings asked for one. */
  public Optional<ZipkinServer> traceViewer() {
    return traceViewer;
  }

  public LibertyServer userService() {
    return userService;
  }

  public LibertyServer postService() {
    return postService;
  }

  public StackSettings settings() {
    return settings;
  }

  /** Stops the services, then Zipkin (once they sent their last spans), Kafka, PostgreSQL. */
  @Override
  public void close() {
    List<LibertyServer> running;
    synchronized (services) {
      closing = true;
      running = new ArrayList<>(services);
    }
    java.util.Collections.reverse(running);
    for (LibertyServer server : running) {
      log("Stopping " + server.instance());
      server.stop();
    }
    traceViewer.ifPresent(
        zipkin -> {
          log("Stopping Zipkin");
          zipkin.stop();
        });
    log("Stopping Kafka");
    broker.stop();
    log("Stopping PostgreSQL");
    database.stop();
    ChildProcess.releaseDataDirectory(settings.dataDirectory);
  }

  Optional<LibertyServer> running(String instance) {
    return services.stream().filter(s -> s.instance().equals(instance)).findFirst();
  }

  /**
   * {@code <data>/env/<instance>.env}: the variables a server of this stack runs with, for {@code
   * liberty:dev} (readable by the owner only: it holds the database password).
   */
  private void writeEnvFile(String instance, Map<String, String> env) {
    Path file = settings.dataDirectory.resolve("env").resolve(instance + ".env");
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          file,
          env.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining("\n", "", "\n")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void log(String message) {
    System.out.println("[stack] " + message);
  }
}

package dev.outboxref.stack;

import dev.outboxref.descriptor.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one JVM), run from
 * the {@code org.apache.kafka} jars in {@code local-stack/target/lib} as a process of its own, so
 * it can be stopped, killed and restarted like a real one. Or, with {@code --kafka=host:port}, an
 * external broker that the stack only creates the topic on.
 *
 * <p>Clients reach it over PLAINTEXT, or over SASL_SSL as in Kubernetes: TLS with a certificate
 * from a local CA ({@link KafkaTls}) and SCRAM-SHA-512 with one user per service (and one for the
 * broker itself and the stack's admin calls), passwords generated into the stack's secrets. The
 * KRaft controller listener stays on localhost only and is never used by clients.
 */
public final class KafkaBroker {

  /** How clients connect. */
  public enum Security {
    PLAINTEXT,
    SASL_SSL
  }

  /** The SCRAM user of the stack's own admin calls and of the broker's inter-broker traffic. */
  static final String ADMIN = "kafka-admin";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path directory;
  private final Path dataDirectory;
  private final Path classPath;
  private final int port;
  private final int controllerPort;
  private final String externalBootstrap;
  private final Security security;
  private final Secrets secrets;
  private final KafkaTls tls;
  private ChildProcess process;

  private KafkaBroker(
      Path dataDirectory,
      Path classPath,
      int port,
      int controllerPort,
      String externalBootstrap,
      Security security,
      Secrets secrets) {
    this.dataDirectory = dataDirectory;
    this.directory = dataDirectory.resolve("kafka");
    this.classPath = classPath;
    this.port = port;
    this.controllerPort = controllerPort;
    this.externalBootstrap = externalBootstrap;
    this.security = security;
    this.secrets = secrets;
    this.tls = new KafkaTls(directory.resolve("tls"), secrets.password("kafka-keystore"));
  }

  static KafkaBroker local(
      Path dataDirectory,
      Path classPath,
      int port,
      int controllerPort,
      Security security,
      Secrets secrets) {
    return new KafkaBroker(dataDirectory, classPath, port, controllerPort, null, security, secrets);
  }

  static KafkaBroker external(Path dataDirectory, String bootstrapServers, Secrets secrets) {
    return new KafkaBroker(
        dataDirectory, null, 0, 0, bootstrapServers, Security.PLAINTEXT, secrets);
  }

  public Security security() {
    return security;
  }

  /**
   * The client settings of a Kafka user, as MicroProfile Config environment variables of a service
   * (the {@code kafka.*} properties its microprofile-config.properties passes to the connector).
   */
  public Map<String, String> serviceEnvironment(String user) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    // kafka.security.protocol -> KAFKA_SECURITY_PROTOCOL, as MicroProfile Config maps names
    clientConfig(user)
        .forEach(
            (key, value) ->
                env.put(
                    "KAFKA_" + key.toString().replace('.', '_').toUpperCase(), value.toString()));
    return env;
  }

  /** Client properties for the given Kafka user (only the address on PLAINTEXT). */
  public Properties clientConfig(String user) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    if (security == Security.SASL_SSL) {
      props.put("security.protocol", "SASL_SSL");
      props.put("sasl.mechanism", "SCRAM-SHA-512");
      props.put("sasl.jaas.config", jaas(user, secrets.password("kafka:" + user)));
      props.put("ssl.truststore.type", "PEM");
      props.put("ssl.truststore.location", tls.caCertificate().toString());
    }
    return props;
  }

  static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  public String bootstrapServers() {
    return externalBootstrap != null ? externalBootstrap : "localhost:" + port;
  }

  /** Starts the broker (formatting its storage on first start) and waits until it answers. */
  public synchronized void start() {
    if (externalBootstrap != null) {
      awaitReachable(null);
      return;
    }
    Ports.requireFree("Kafka", port);
    Ports.requireFree("the Kafka controller", controllerPort);
    try {
      Files.createDirectories(directory);
      if (security == Security.SASL_SSL) {
        tls.createIfMissing();
      }
      Path config = writeConfig();
      if (!Files.exists(directory.resolve("log").resolve("meta.properties"))) {
        format(config);
      }
      process =
          ChildProcess.start(
              "kafka",
              java(config, "kafka.Kafka", config.toString()),
              Map.of(),
              directory,
              dataDirectory);
      awaitReachable(process);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A controlled shutdown, as in a rolling restart. */
  public synchronized void stop() {
    if (process != null) {
      process.stop(Duration.ofSeconds(30));
      process = null;
    }
  }

  /** SIGKILL: the broker dies without a controlled shutdown. */
  public synchronized void kill() {
    if (process != null) {
      process.kill();
      process = null;
    }
  }

  /** Creates the topic unless it exists. */
  public void createTopic(String name, int partitions) {
    try (Admin admin = Admin.create(adminConfig())) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(name, partitions, (short) 1)
                      .configs(Map.of("min.insync.replicas", "1"))))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "Could not create topic " + name + ": " + e.getCause().getMessage(), e);
      }
    } catch (Exception e) {
      throw new IllegalStateException("Could not create topic " + name, e);
    }
  }

  /**
   * Client properties with the stack's admin user: for tests that read or write the topic directly.
   */
  public Properties adminConfig() {
    Properties props = clientConfig(ADMIN);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    return props;
  }

  private void awaitReachable(ChildProcess process) {
    Poll.until(
        "Kafka at " + bootstrapServers(),
        START_TIMEOUT,
        () -> {
          if (process != null && !process.isAlive()) {
            throw new IllegalStateException(
                "Kafka exited during start-up:\n" + process.logTail(40));
          }
          try (Admin admin = Admin.create(adminConfig())) {
            admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
            return true;
          } catch (Exception e) {
            return false;
          }
        });
  }

  private void format(Path config) throws IOException {
    List<String> command =
        new java.util.ArrayList<>(
            java(
                config,
                "kafka.tools.StorageTool",
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                config.toString()));
    if (security == Security.SASL_SSL) {
      // the SCRAM credentials are part of the cluster metadata from the start
      List<String> users = new ArrayList<>(List.of(ADMIN));
      Arrays.stream(Service.values()).map(Service::appName).forEach(users::add);
      for (String user : users) {
        command.add("--add-scram");
        command.add(
            "SCRAM-SHA-512=[name=" + user + ",password=" + secrets.password("kafka:" + user) + "]");
      }
    }
    Process format =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(format.getInputStream().readAllBytes());
    try {
      if (format.waitFor() != 0) {
        throw new IllegalStateException("Formatting Kafka storage failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private List<String> java(Path config, String mainClass, String... args) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m",
                "-Xmx512m",
                "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties"),
                "-cp",
                classPath.resolve("*").toString(),
                mainClass));
    command.addAll(List.of(args));
    return command;
  }

  private Path writeConfig() throws IOException {
    Files.writeString(
        directory.resolve("log4j2.properties"),
        """
        status = warn
        appender.console.type = Console
        appender.console.name = console
        appender.console.layout.type = PatternLayout
        appender.console.layout.pattern = [%d] %p %m (%c)%n
        rootLogger.level = INFO
        rootLogger.appenderRef.console.ref = console
        logger.kafka.name = kafka
        logger.kafka.level = WARN
        logger.apache.name = org.apache.kafka
        logger.apache.level = WARN
        """);
    Path config = directory.resolve("server.properties");
    Files.writeString(
        config,
        """
        # Written by the local stack: one node that is broker and KRaft controller.
        process.roles=broker,controller
        node.id=1
        controller.quorum.voters=1@localhost:%2$d
        listeners=CLIENT://localhost:%1$d,CONTROLLER://localhost:%2$d
        advertised.listeners=CLIENT://localhost:%1$d
        controller.listener.names=CONTROLLER
        inter.broker.listener.name=CLIENT
        listener.security.protocol.map=CLIENT:%4$s,CONTROLLER:PLAINTEXT
        log.dirs=%3$s
        num.partitions=6
        auto.create.topics.enable=false
        offsets.topic.replication.factor=1
        transaction.state.log.replication.factor=1
        transaction.state.log.min.isr=1
        share.coordinator.state.topic.replication.factor=1
        share.coordinator.state.topic.min.isr=1
        group.initial.rebalance.delay.ms=0
        """
                .formatted(port, controllerPort, directory.resolve("log"), security)
            + (security == Security.SASL_SSL ? saslSslConfig() : ""));
    return config;
  }

  /** TLS with the local CA's certificate for localhost, and SCRAM-SHA-512 logins. */
  private String saslSslConfig() {
    return """
        sasl.enabled.mechanisms=SCRAM-SHA-512
        sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
        listener.name.client.scram-sha-512.sasl.jaas.config=%s
        ssl.keystore.type=PKCS12
        ssl.keystore.location=%s
        ssl.keystore.password=%s
        ssl.key.password=%s
        ssl.truststore.type=PEM
        ssl.truststore.location=%s
        """
        .formatted(
            jaas(ADMIN, secrets.password("kafka:" + ADMIN)),
            tls.brokerKeystore(),
            tls.keystorePassword(),
            tls.keystorePassword(),
            tls.caCertificate());
  }
}

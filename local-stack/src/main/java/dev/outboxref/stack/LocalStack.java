package dev.outboxref.stack;

import dev.outboxref.descriptor.Service;
import dev.outboxref.descriptor.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./stack}: runs the whole system locally until Ctrl-C.
 *
 * <pre>
 * ./stack up [--clean] [--without=user-service|post-service] [--json-logs] [--no-traces]
 *            [--otlp=endpoint] [--kafka=host:port] [--external-postgres] [--data-dir=dir]
 *            [--free-ports]
 * ./stack clean
 * </pre>
 */
public final class LocalStack {

  static final String USAGE =
      """
      usage: ./stack up [options]   build, start everything, stop it all on Ctrl-C
             ./stack clean          delete the data directory (.stack/)

      options of up:
        --clean                  start from empty databases and topics
        --without=<service>      do not start user-service or post-service (to run it with liberty:dev)
        --json-logs              Liberty logs as JSON lines
        --no-traces              no trace viewer (Zipkin on port 9411); without --otlp the services do not trace
        --otlp=<endpoint>        export traces over OTLP/HTTP instead, e.g. http://localhost:4318 (Jaeger, collector)
        --kafka-security=<mode>  plaintext (default) or sasl_ssl: TLS + SCRAM-SHA-512, one user per service
        --kafka=<host:port>      use this Kafka broker instead of starting one
        --external-postgres      use the PostgreSQL of PGHOST/PGPORT/PGUSER/PGPASSWORD instead of starting one
        --data-dir=<dir>         keep data and logs there instead of .stack/ (a second stack beside the first)
        --free-ports             any free ports instead of the documented ones (printed at start)
        --no-build               (read by ./stack) do not run the Maven build first
      """;

  private LocalStack() {}

  public static void main(String[] args) throws Exception {
    StackSettings settings = StackSettings.defaults();
    String command = parse(args, settings);
    switch (command) {
      case "up" -> up(settings);
      case "clean" -> clean(settings.dataDirectory);
      default -> {
        System.err.print(USAGE);
        System.exit(2);
      }
    }
  }

  /** Applies the options to the settings and returns the command; "usage" when they are wrong. */
  static String parse(String[] args, StackSettings settings) {
    if (args.length == 0) {
      return "usage";
    }
    String command = args[0];
    for (String arg : List.of(args).subList(1, args.length)) {
      Optional<String> value =
          arg.contains("=") ? Optional.of(arg.substring(arg.indexOf('=') + 1)) : Optional.empty();
      String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      switch (option) {
        case "--clean" -> settings.clean();
        case "--json-logs" -> settings.jsonLogs = true;
        case "--no-traces" -> settings.traceViewer = false;
        case "--no-build" -> {}
        case "--data-dir" ->
            settings.dataDirectory = Path.of(value.orElse(".stack")).toAbsolutePath();
        case "--free-ports" -> settings.useFreePorts();
        case "--kafka-security" -> {
          try {
            settings.kafkaSecurity(KafkaBroker.Security.valueOf(value.orElse("").toUpperCase()));
          } catch (IllegalArgumentException e) {
            System.err.println("--kafka-security takes plaintext or sasl_ssl");
            return "usage";
          }
        }
        case "--otlp" -> {
          if (value.filter(v -> !v.isBlank()).isEmpty()) {
            System.err.println(
                "--otlp takes an OTLP/HTTP endpoint, e.g. --otlp=http://localhost:4318");
            return "usage";
          }
          // the external collector takes the place of the local viewer
          settings.otlp(value.get());
          settings.traceViewer = false;
        }
        case "--external-postgres" -> settings.externalPostgres = true;
        case "--kafka" -> settings.externalKafka = value.filter(v -> !v.isBlank());
        case "--without" -> {
          Optional<Service> service = value.flatMap(Service::ofAppName);
          if (service.equals(Optional.of(Service.USER))) {
            settings.userService = false;
          } else if (service.equals(Optional.of(Service.POST))) {
            settings.postService = false;
          } else {
            System.err.println(
                "--without takes user-service or post-service, e.g. --without=user-service");
            return "usage";
          }
        }
        default -> {
          System.err.println("Unknown option " + arg);
          return "usage";
        }
      }
    }
    return command;
  }

  private static void up(StackSettings settings) throws InterruptedException {
    long start = System.nanoTime();
    CountDownLatch stopped = new CountDownLatch(1);
    Stack stack = Stack.prepare(settings);
    // registered before anything starts: Ctrl-C during the start stops what was started
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  System.out.println("[stack] Everything stopped.");
                  stopped.countDown();
                }));
    try {
      stack.startAll();
    } catch (RuntimeException e) {
      System.err.println("[stack] Start failed: " + e.getMessage());
      System.exit(1); // the shutdown hook stops what was started
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    printSummary(stack, seconds);
    stopped.await();
  }

  private static void printSummary(Stack stack, long seconds) {
    StackSettings s = stack.settings();
    StringBuilder out =
        new StringBuilder(
            "\nThe local stack is up ("
                + seconds
                + " s). Data and logs: "
                + s.dataDirectory
                + "\n\n");
    out.append(
        String.format(
            "  %-13s %s:%d  databases %s%n",
            "PostgreSQL",
            stack.database().host(),
            stack.database().port(),
            Arrays.stream(Service.values())
                .map(v -> v.database() + " (role " + v.databaseRole() + ")")
                .collect(Collectors.joining(", "))));
    out.append(
        String.format(
            "  %-13s %s  topic %s (%d partitions)%n",
            "Kafka", stack.broker().bootstrapServers(), Topics.USER_EVENTS, s.topicPartitions));
    for (LibertyServer server : List.of(stack.userService(), stack.postService())) {
      boolean running = stack.running(server.instance()).isPresent();
      String api = server.service().apiPath();
      out.append(
          String.format(
              "  %-13s %s%s%n",
              server.instance(),
              server.baseUrl() + api,
              running ? "" : "   (not started: run it with liberty:dev, see README)"));
      out.append(
          String.format(
              "  %-13s OpenAPI %s/openapi/ui   health %s/health%n",
              "", server.baseUrl(), server.baseUrl()));
    }
    stack
        .traceViewer()
        .ifPresent(
            zipkin ->
                out.append(
                    String.format(
                        "  %-13s %s/zipkin/  traces of both services (in memory)%n",
                        "Zipkin", zipkin.baseUrl())));
    s.otlpEndpoint.ifPresent(
        endpoint ->
            out.append(String.format("  %-13s exported over OTLP to %s%n", "Traces", endpoint)));
    out.append(
        String.format(
            "%n  Admin endpoints of post-service (/api/admin): 'Authorization: Bearer <token>', the"
                + " token is %s in %s%n",
            Stack.ADMIN_TOKEN_SECRET, s.dataDirectory.resolve("secrets.properties")));
    out.append("\nPress Ctrl-C to stop everything.\n");
    System.out.print(out);
  }

  static void clean(Path dataDirectory) {
    if (ChildProcess.otherLiveOwner(dataDirectory).isPresent()) {
      throw new IllegalStateException(
          "A stack is running on " + dataDirectory + ": stop it (Ctrl-C) before cleaning.");
    }
    if (Files.exists(dataDirectory)) {
      try (Stream<Path> walk = Files.walk(dataDirectory)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      System.out.println("[stack] Deleted " + dataDirectory);
    }
  }
}

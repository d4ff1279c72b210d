package dev.outboxref.bench;

import dev.outboxref.descriptor.Service;
import dev.outboxref.prometheus.Exposition;
import dev.outboxref.proto.users.v1.GetUserRequest;
import dev.outboxref.proto.users.v1.UserDirectoryGrpc;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.LibertyServer;
import dev.outboxref.stack.Stack;
import dev.outboxref.stack.StackSettings;
import dev.outboxref.stack.TokenMint;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The gRPC link between the services: GetUser latency at a steady rate, measured inside
 * post-service (its own timer around each call) next to the same call made by this process straight
 * to the user service (the baseline without post-service), and the cost of a replica bootstrap
 * streaming 100k users (time, and the resident memory of both servers while it runs). Starts its
 * own stack and prints a Markdown report, also written to bench/target/grpc-report.md.
 *
 * <p>System properties: {@code bench.seconds} of the steady phase (30), {@code bench.rate} calls
 * per second (50), {@code bench.users} streamed by the bootstrap (100000).
 */
public final class GrpcBench {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private GrpcBench() {}

  public static void main(String[] args) throws Exception {
    Duration phase = Duration.ofSeconds(Long.getLong("bench.seconds", 30));
    int rate = Integer.getInteger("bench.rate", 50);
    int users = Integer.getInteger("bench.users", 100_000);
    StringBuilder report = new StringBuilder("# gRPC benchmark\n\n");
    report.append(Reports.machine()).append('\n');
    StackSettings settings =
        StackSettings.forTests(Path.of("bench", "target", "stack").toAbsolutePath()).clean();
    try (Stack stack = Stack.start(settings)) {
      report.append(Reports.versions(stack)).append('\n');
      report.append(steadyGetUser(stack, phase, rate));
      report.append(bootstrap(stack, users));
    }
    System.out.println(report);
    Files.writeString(Path.of("bench", "target", "grpc-report.md"), report);
  }

  /** One GetUser per request: a post by an author nobody knows answers 422 after asking. */
  private static String steadyGetUser(Stack stack, Duration phase, int rate) throws Exception {
    String posts = stack.postService().baseUrl() + Service.POST.apiPath();
    // a signed-in author the post service has never heard of, minted before the clock starts
    String author = UUID.randomUUID().toString();
    String token = TokenMint.forUser(stack, author);
    Consumer<Latencies> viaPostService =
        latencies -> {
          long t0 = System.nanoTime();
          int status = unknownAuthorPost(posts, author, token);
          if (status == 422) {
            latencies.add((System.nanoTime() - t0) / 1000);
          }
        };
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("localhost", stack.userService().httpPort())
            .usePlaintext()
            .build();
    try {
      // with the service credential, as the post service calls it
      Metadata credential = new Metadata();
      credential.put(
          Metadata.Key.of("x-service-credential", Metadata.ASCII_STRING_MARSHALLER),
          stack.directoryCredential());
      var stub =
          UserDirectoryGrpc.newBlockingStub(channel)
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credential));
      Consumer<Latencies> direct =
          latencies -> {
            long t0 = System.nanoTime();
            try {
              stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                  .getUser(
                      GetUserRequest.newBuilder().setUserId(UUID.randomUUID().toString()).build());
            } catch (io.grpc.StatusRuntimeException e) {
              if (e.getStatus().getCode() != io.grpc.Status.Code.NOT_FOUND) {
                return;
              }
            }
            latencies.add((System.nanoTime() - t0) / 1000);
          };
      // warm both paths (JIT, connections) before measuring
      steady(viaPostService, Duration.ofSeconds(5), rate);
      steady(direct, Duration.ofSeconds(5), rate);

      Map<String, Double> before = postServiceTimer(stack.postService());
      Latencies http = steady(viaPostService, phase, rate);
      Map<String, Double> after = postServiceTimer(stack.postService());
      Latencies baseline = steady(direct, phase, rate);

      long calls = Math.round(after.get("count") - before.get("count"));
      double meanMs = (after.get("sum") - before.get("sum")) / calls * 1000;
      StringBuilder out = new StringBuilder();
      out.append(
          String.format("## GetUser at a steady %d calls/s for %d s%n%n", rate, phase.toSeconds()));
      out.append("| measured | calls | p50 ms | p99 ms | mean ms |\n|---|---:|---:|---:|---:|\n");
      out.append(
          String.format(
              "| inside post-service, around each gRPC call (its `user_directory_call_seconds` timer) | %d | %.2f | %.2f | %.2f |%n",
              calls, after.get("0.5") * 1000, after.get("0.99") * 1000, meanMs));
      out.append(
          String.format(
              "| the whole `POST /api/posts` (HTTP, replica miss, gRPC, 422) seen by this client | %d | %.2f | %.2f | |%n",
              http.count(), http.percentileMs(0.5), http.percentileMs(0.99)));
      out.append(
          String.format(
              "| baseline: this process calling the user service's GetUser directly | %d | %.2f | %.2f | |%n",
              baseline.count(), baseline.percentileMs(0.5), baseline.percentileMs(0.99)));
      out.append(
          "\nThe post-service percentiles come from its Micrometer-backed MicroProfile timer"
              + " (quantiles over a recent window, read right after the phase); the other rows are"
              + " exact percentiles of every call.\n\n");
      return out.toString();
    } finally {
      channel.shutdownNow();
    }
  }

  /** Calls the operation at a fixed rate (open loop) for the duration. */
  private static Latencies steady(Consumer<Latencies> operation, Duration duration, int rate)
      throws Exception {
    Latencies latencies = new Latencies();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> calls = new ArrayList<>();
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (long next = start; next < end; next += interval) {
      LockSupport.parkNanos(next - System.nanoTime()); // pacing of the open loop
      calls.add(pool.submit(() -> operation.accept(latencies)));
    }
    for (Future<?> call : calls) {
      call.get();
    }
    pool.shutdown();
    return latencies;
  }

  private static int unknownAuthorPost(String url, String author, String token) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + token)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"authorId\":\"" + author + "\",\"title\":\"t\",\"content\":\"c\"}"))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  /** count, sum (seconds) and the 0.5 / 0.99 quantiles of post-service's GetUser timer. */
  private static Map<String, Double> postServiceTimer(LibertyServer server) throws Exception {
    String metrics =
        HTTP.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics?scope=application"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Exposition page = Exposition.parse(metrics);
    return Map.of(
        "count", value(page, "user_directory_call_seconds_count", Map.of()),
        "sum", value(page, "user_directory_call_seconds_sum", Map.of()),
        "0.5", value(page, "user_directory_call_seconds", Map.of("quantile", "0.5")),
        "0.99", value(page, "user_directory_call_seconds", Map.of("quantile", "0.99")));
  }

  private static double value(Exposition page, String name, Map<String, String> labels) {
    return page.value(name, labels)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no " + name + labels + " in " + Service.POST.appName() + "'s /metrics"));
  }

  /**
   * The users are written straight into userdb; the bootstrap streams them into an empty replica.
   */
  private static String bootstrap(Stack stack, int users) throws Exception {
    try (Connection c = stack.database().connectAs(Database.USER_DB);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO users (id, email, name, nickname, password_hash, version, created_at,"
              + " updated_at) SELECT gen_random_uuid(), 'bench' || i || '@example.com',"
              + " 'Bench user ' || i, 'bench' || i, 'not-a-real-hash', 1, now(), now()"
              + " FROM generate_series(1, "
              + users
              + ") AS i");
    }
    try (Connection c = stack.database().connectAs(Database.POST_DB);
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM user_replica");
    }
    long postBefore = Resident.mib(stack.postService().pid());
    long userBefore = Resident.mib(stack.userService().pid());
    Resident.Peak postPeak = new Resident.Peak(stack.postService().pid());
    Resident.Peak userPeak = new Resident.Peak(stack.userService().pid());
    long t0 = System.nanoTime();
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(stack.postService().baseUrl() + "/api/admin/replica/bootstrap"))
                .header("Authorization", "Bearer " + stack.adminToken())
                .timeout(Duration.ofMinutes(15))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    double seconds = (System.nanoTime() - t0) / 1e9;
    postPeak.close();
    userPeak.close();
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "bootstrap: " + response.statusCode() + " " + response.body());
    }
    return String.format(
        "## Replica bootstrap of %d users (StreamUsers, applied in batches of 500)%n%n"
            + "| | value |%n|---|---:|%n"
            + "| time | %.1f s |%n| users/s | %.0f |%n"
            + "| post-service resident memory before / peak | %d / %d MiB |%n"
            + "| user-service resident memory before / peak | %d / %d MiB |%n%n"
            + "Report of the bootstrap endpoint: `%s`%n%n"
            + "Resident memory is the whole JVM's (the heap bounded by the servers' jvm.options);"
            + " the stream itself holds one page of users (user-service) and one batch"
            + " (post-service) at a time.%n",
        users,
        seconds,
        users / seconds,
        postBefore,
        Math.max(postBefore, postPeak.mib()),
        userBefore,
        Math.max(userBefore, userPeak.mib()),
        response.body());
  }
}

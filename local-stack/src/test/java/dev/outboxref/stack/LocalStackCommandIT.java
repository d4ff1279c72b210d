package dev.outboxref.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The stack command as a developer runs it: it comes up with both services ready and the trace
 * viewer answering, and Ctrl-C (SIGINT) stops every process it started, PostgreSQL's included, and
 * frees every port.
 */
class LocalStackCommandIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void comesUpReadyAndCtrlCLeavesNoProcessBehind() throws Exception {
    Path root = StackSettings.findRepositoryRoot();
    Path data = root.resolve("local-stack/target/cli-stack");
    LocalStack.clean(data);
    Process stack = launch(root, data);
    ConcurrentLinkedQueue<String> output = new ConcurrentLinkedQueue<>();
    Thread reader = new Thread(() -> readLines(stack, output));
    reader.start();
    try {
      Poll.until(
          "the stack to print that it is up",
          Duration.ofSeconds(240),
          () -> {
            if (!stack.isAlive()) {
              throw new AssertionError("stack exited: " + String.join("\n", output));
            }
            return output.stream().anyMatch(l -> l.contains("Press Ctrl-C"));
          });
      List<Integer> servicePorts = new ArrayList<>();
      Matcher m =
          Pattern.compile("http://localhost:(\\d+)/api/").matcher(String.join("\n", output));
      while (m.find()) {
        servicePorts.add(Integer.parseInt(m.group(1)));
      }
      assertEquals(2, servicePorts.size(), String.join("\n", output));
      Matcher zipkin =
          Pattern.compile("Zipkin +http://localhost:(\\d+)/zipkin/")
              .matcher(String.join("\n", output));
      assertTrue(zipkin.find(), "the trace viewer's address: " + String.join("\n", output));
      int zipkinPort = Integer.parseInt(zipkin.group(1));
      assertEquals(
          200,
          HTTP.send(
                  HttpRequest.newBuilder(URI.create("http://localhost:" + zipkinPort + "/health"))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode(),
          "Zipkin's health");
      for (int port : servicePorts) {
        HttpResponse<String> ready =
            HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
      }
      List<ProcessHandle> started = startedProcesses(data);
      assertTrue(
          started.size() >= 5,
          "zipkin, kafka, 2 Liberty servers, postmaster (+ children): " + started);

      stopAndAssertNothingLeft(stack, started, output);
      for (int port : servicePorts) {
        assertFalse(Ports.inUse(port), "port " + port + " still open");
      }
      assertFalse(Ports.inUse(zipkinPort), "Zipkin's port " + zipkinPort + " still open");
    } finally {
      stack.destroyForcibly();
      reader.join(5000);
    }
  }

  @Test
  void ctrlCWhileStartingStopsWhatWasAlreadyStarted() throws Exception {
    Path root = StackSettings.findRepositoryRoot();
    Path data = root.resolve("local-stack/target/cli-stack-interrupted");
    LocalStack.clean(data);
    Process stack = launch(root, data);
    ConcurrentLinkedQueue<String> output = new ConcurrentLinkedQueue<>();
    Thread reader = new Thread(() -> readLines(stack, output));
    reader.start();
    try {
      // interrupt as soon as the Liberty servers are launched, long before they are ready
      Poll.until(
          "the stack to launch the services",
          Duration.ofSeconds(120),
          () -> Files.exists(data.resolve("pids/post-service.pid")));
      List<ProcessHandle> started = startedProcesses(data);
      stopAndAssertNothingLeft(stack, started, output);
    } finally {
      stack.destroyForcibly();
      reader.join(5000);
    }
  }

  /** Ctrl-C, then: the stack exits, says so, and every process it started has ended. */
  private static void stopAndAssertNothingLeft(
      Process stack, List<ProcessHandle> started, Collection<String> output) throws Exception {
    new ProcessBuilder("kill", "-" + stopSignal(stack.pid()), Long.toString(stack.pid()))
        .start()
        .waitFor();
    assertTrue(stack.waitFor(180, TimeUnit.SECONDS), "stack did not exit after the signal");
    for (ProcessHandle p : started) {
      Poll.until("process " + p.pid() + " to end", Duration.ofSeconds(10), () -> !p.isAlive());
    }
    assertTrue(
        output.stream().anyMatch(l -> l.contains("Everything stopped.")),
        String.join("\n", output));
  }

  /**
   * Ctrl-C is SIGINT. A process started from a non-interactive shell's background job inherits an
   * ignored SIGINT (and the JVM then leaves it ignored), so there the test sends SIGTERM, which
   * runs the same shutdown hook.
   */
  private static String stopSignal(long pid) throws IOException {
    String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
    Matcher ignored = Pattern.compile("SigIgn:\\s*([0-9a-f]+)").matcher(status);
    boolean sigintIgnored = ignored.find() && (Long.parseLong(ignored.group(1), 16) & 0x2) != 0;
    if (sigintIgnored) {
      System.out.println("SIGINT is ignored in this environment; stopping the stack with SIGTERM");
    }
    return sigintIgnored ? "TERM" : "INT";
  }

  /**
   * {@code ./stack up --no-build} as a developer runs it, on its own data directory and free ports.
   */
  private static Process launch(Path root, Path data) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            "local-stack/target/local-stack.jar:local-stack/target/lib/*",
            "dev.outboxref.stack.LocalStack",
            "up",
            "--data-dir=" + data,
            "--free-ports")
        .directory(root.toFile())
        .redirectErrorStream(true)
        .start();
  }

  /** The processes the stack started: its children (and their descendants) and the postmaster. */
  private static List<ProcessHandle> startedProcesses(Path data) throws IOException {
    List<ProcessHandle> handles = new ArrayList<>();
    try (var pids = Files.list(data.resolve("pids"))) {
      for (Path pidFile : pids.toList()) {
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(handles::add);
      }
    }
    String postmaster = Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0).trim();
    ProcessHandle.of(Long.parseLong(postmaster)).ifPresent(handles::add);
    List<ProcessHandle> all = new ArrayList<>(handles);
    handles.forEach(h -> all.addAll(h.descendants().toList()));
    return all.stream().distinct().toList();
  }

  private static void readLines(Process process, ConcurrentLinkedQueue<String> into) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
      for (String line; (line = in.readLine()) != null; ) {
        into.add(line);
      }
    } catch (IOException e) {
      into.add("(output closed: " + e.getMessage() + ")");
    }
  }
}

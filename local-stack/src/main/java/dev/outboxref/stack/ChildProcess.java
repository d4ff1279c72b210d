package dev.outboxref.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A process of the stack (broker JVM, Liberty JVM). It runs in a session of its own, so the Ctrl-C
 * of the terminal reaches only the stack, which then stops its parts in order. Its pid is recorded
 * under the data directory, so a stack that was itself killed leaves nothing running for long: the
 * next start ends such leftovers.
 */
final class ChildProcess {

  private final String name;
  private final Process process;
  private final Path pidFile;
  private final Path log;

  private ChildProcess(String name, Process process, Path pidFile, Path log) {
    this.name = name;
    this.process = process;
    this.pidFile = pidFile;
    this.log = log;
  }

  static ChildProcess start(
      String name, List<String> command, Map<String, String> env, Path workDir, Path dataDir) {
    Path log = dataDir.resolve("logs").resolve(name + ".log");
    Path pidFile = dataDir.resolve("pids").resolve(name + ".pid");
    try {
      Files.createDirectories(log.getParent());
      Files.createDirectories(pidFile.getParent());
      endLeftover(pidFile);
      List<String> full = new ArrayList<>();
      full.add("setsid");
      full.addAll(command);
      ProcessBuilder builder =
          new ProcessBuilder(full).directory(workDir.toFile()).redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(env);
      Process process = builder.start();
      Files.writeString(pidFile, Long.toString(process.pid()));
      return new ChildProcess(name, process, pidFile, log);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name, e);
    }
  }

  /**
   * Makes this JVM the owner of the data directory: refuses if another live stack owns it, and ends
   * the processes a killed stack left behind.
   */
  static void claimDataDirectory(Path dataDir) {
    otherLiveOwner(dataDir)
        .ifPresent(
            pid -> {
              throw new IllegalStateException(
                  "A stack (pid "
                      + pid
                      + ") is running on "
                      + dataDir
                      + ": stop it first, or use --data-dir and --free-ports for a second one.");
            });
    try {
      endLeftovers(dataDir);
      Database.endLeftoverPostmaster(dataDir.resolve("postgres"));
      Files.createDirectories(dataDir);
      Files.writeString(dataDir.resolve("stack.pid"), Long.toString(ProcessHandle.current().pid()));
    } catch (IOException e) {
      throw new IllegalStateException("Could not claim " + dataDir, e);
    }
  }

  /** The pid of another stack JVM that owns the data directory and still runs, if any. */
  static Optional<Long> otherLiveOwner(Path dataDir) {
    try {
      long pid = Long.parseLong(Files.readString(dataDir.resolve("stack.pid")).trim());
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return pid != ProcessHandle.current().pid() && alive ? Optional.of(pid) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty(); // no owner recorded (or a torn file): nobody to protect
    }
  }

  static void releaseDataDirectory(Path dataDir) {
    try {
      Files.deleteIfExists(dataDir.resolve("stack.pid"));
    } catch (IOException e) {
      // the next stack sees a dead owner and proceeds
    }
  }

  private static void endLeftovers(Path dataDir) {
    Path pids = dataDir.resolve("pids");
    if (!Files.isDirectory(pids)) {
      return;
    }
    try (var files = Files.list(pids)) {
      for (Path pidFile : files.toList()) {
        endLeftover(pidFile);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void endLeftover(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    Optional<ProcessHandle> leftover = ProcessHandle.of(pid);
    if (leftover.isPresent()
        && leftover.get().info().commandLine().map(c -> c.contains("java")).orElse(false)) {
      System.err.println(
          "Ending process " + pid + " left over by an earlier run (" + pidFile.getFileName() + ")");
      leftover.get().descendants().forEach(ProcessHandle::destroyForcibly);
      leftover.get().destroyForcibly();
      leftover.get().onExit().join();
    }
    Files.deleteIfExists(pidFile);
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** The last lines of the process's output, to explain a failure. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(
          System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * SIGTERM (the graceful stop every part of the stack supports), then SIGKILL after the grace
   * period.
   */
  void stop(Duration grace) {
    List<ProcessHandle> tree = tree();
    tree.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        System.err.println(name + " did not stop within " + grace.toSeconds() + " s; killing it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kill(tree);
  }

  /** SIGKILL, as a crash would: no shutdown hooks, no cleanup. */
  void kill() {
    kill(tree());
  }

  private void kill(List<ProcessHandle> tree) {
    tree.forEach(ProcessHandle::destroyForcibly);
    tree.forEach(p -> p.onExit().join());
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      // a stale pid file is ended by the next start
    }
  }

  private List<ProcessHandle> tree() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    return tree;
  }
}

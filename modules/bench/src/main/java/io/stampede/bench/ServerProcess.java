package io.stampede.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * A server the bench started as a child process (a stamp, s3proxy): its output goes to a log
 * file, it is ready once an HTTP probe answers, and {@link #close()} stops it with SIGTERM, then
 * SIGKILL after a grace period. Its pid is the JVM's: {@code ./stamp up} execs java.
 */
final class ServerProcess implements AutoCloseable {
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final String name;
  private final Process process;
  private final Path log;

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static ServerProcess start(String name, List<String> command, Map<String, String> env, Path log) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().putAll(env);
    try {
      return new ServerProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new BenchException("cannot start " + name + " (" + String.join(" ", command) + "): " + e.getMessage(), e);
    }
  }

  long pid() {
    return process.pid();
  }

  String name() {
    return name;
  }

  /** Waits until a GET of {@code probe} answers a status {@code ready} accepts; fails if the process exits. */
  void awaitReady(URI probe, IntPredicate ready, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new BenchException(name + " exited with " + process.exitValue() + " while starting; its log:\n" + logTail());
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (ready.test(r.statusCode())) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchException("interrupted while waiting for " + name, e);
      }
      pause(250);
    }
    throw new BenchException(name + " did not become ready within " + timeout.toSeconds() + " s; its log:\n" + logTail());
  }

  double cpuSeconds() {
    return ProcStats.cpuSeconds(pid());
  }

  long peakRssBytes() {
    return ProcStats.peakRssBytes(pid());
  }

  /** SIGTERM, then SIGKILL if it has not exited after a grace period. Idempotent. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "(no log: " + e + ")";
    }
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
  }
}

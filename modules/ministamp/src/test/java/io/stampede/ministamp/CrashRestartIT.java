package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stampede.common.net.Endpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code ./stamp up} in a child JVM is killed with SIGKILL while a writer is mid-stream, then
 * started again on the same data: every acknowledged object reads back.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashRestartIT {
  @TempDir Path dir;
  private final List<Process> children = new ArrayList<>();

  @Test
  void nothingAcknowledgedIsLostToAKillDashNine() throws Exception {
    Path data = dir.resolve("data");
    StampConfig shape = StampConfig.defaults(data).withRacks(4, 2);
    int port = PortPlan.findFree(shape, new Random(TestStamps.seed())).base();
    PortPlan plan = new PortPlan(port);
    try {
      Process first = launch(data, port, "first");
      awaitHealthy(plan, first);
      PutLoad load;
      try (S3Client s3 = TestStamps.s3(plan.s3(), StampConfig.DEFAULT_ACCESS_KEY, StampConfig.DEFAULT_SECRET_KEY)) {
        s3.createBucket(b -> b.bucket("crash"));
        load = new PutLoad(s3, "crash", 5L, 300).start();
        try (load) {
          await("30 PUTs acknowledged").atMost(Duration.ofSeconds(90)).until(() -> load.acked() >= 30 || !load.running());
          first.destroyForcibly();
          assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("child killed").isTrue();
        }
      }
      System.out.printf("CrashRestartIT: SIGKILL after %d acknowledged PUTs (%d MiB), %d failed around the kill%n",
          load.acked(), load.ackedBytes() >> 20, load.failures().size());

      Process second = launch(data, port, "second");
      long restarted = System.nanoTime();
      awaitHealthy(plan, second);
      System.out.printf("CrashRestartIT: restarted stamp healthy in %d ms%n", (System.nanoTime() - restarted) / 1_000_000);
      try (S3Client s3 = TestStamps.s3(plan.s3(), StampConfig.DEFAULT_ACCESS_KEY, StampConfig.DEFAULT_SECRET_KEY)) {
        Map<String, byte[]> ledger = load.ledger();
        StampInvariants.Report objects = TestStamps.readBack(s3, ledger);
        System.out.println("CrashRestartIT: acknowledged objects: " + objects);
        assertThat(objects.violations()).as("every acknowledged PUT reads back after kill -9").isEmpty();
        s3.putObject(b -> b.bucket("crash").key("after-restart"), RequestBody.fromString("still writable"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("crash").key("after-restart")).asUtf8String())
            .isEqualTo("still writable");
      }
      StampCli cli = new StampCli(System.out, System.err);
      assertThat(cli.run(new String[] {"status", "--check", "--port", String.valueOf(port)}))
          .as("./stamp status --check against the restarted stamp").isEqualTo(StampCli.EXIT_OK);
    } catch (Exception | AssertionError e) {
      printLogs();
      throw e;
    } finally {
      for (Process p : children) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private Process launch(Path data, int port, String name) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), StampMain.class.getName(),
        "up", "--racks", "4", "--nodes-per-rack", "2", "--data", data.toString(), "--port", String.valueOf(port),
        "--dns-port", String.valueOf(new PortPlan(port).dnsSlot()), "--extent-mib", "2");
    Process p = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
    children.add(p);
    return p;
  }

  private static void awaitHealthy(PortPlan plan, Process child) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Endpoint console = plan.console();
    await("stamp healthy on " + console).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          assertThat(child.isAlive()).as("child stamp process alive").isTrue();
          try {
            return http.send(HttpRequest.newBuilder(URI.create("http://" + console + "/health"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
          } catch (IOException e) {
            return false;
          }
        });
  }

  private void printLogs() throws IOException {
    for (String name : List.of("first", "second")) {
      Path log = dir.resolve(name + ".log");
      if (Files.exists(log)) {
        List<String> lines = Files.readAllLines(log);
        System.out.println("---- last lines of the " + name + " child stamp's log");
        lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.out::println);
      }
    }
  }
}

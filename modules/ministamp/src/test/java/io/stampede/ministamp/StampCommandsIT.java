package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.FrontendNodeId;
import io.stampede.common.id.RackId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.partition.manager.BalanceConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code ./stamp status / kill-node / kill-rack / restart-*} and the console's admin API. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StampCommandsIT {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  /** Runs a verb against the stamp on {@code port} (whose data directory is {@code data}). */
  static Run cli(MiniStamp stamp, String... args) {
    return cli(stamp.config().dataDir(), stamp.config().basePort(), args);
  }

  static Run cli(Path data, int port, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--port";
    all[args.length + 1] = String.valueOf(port);
    all[args.length + 2] = "--data";
    all[args.length + 3] = data.toString();
    int exit = new StampCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(all);
    Run run = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    System.out.println("$ ./stamp " + String.join(" ", all) + "  -> exit " + exit + "\n" + run.out() + run.err());
    return run;
  }

  @Test
  void breakingAStampFromTheCommandLine() throws Exception {
    try (MiniStamp stamp = MiniStamp.builder(dir).racks(4, 2).extentBytesTarget(1L << 20).seed(TestStamps.seed())
        .start(); S3Client s3 = TestStamps.s3(stamp)) {
      int port = stamp.config().basePort();
      s3.createBucket(b -> b.bucket("cli"));
      byte[] data = new byte[300 * 1024];
      for (int i = 0; i < 8; i++) {
        new Random(i).nextBytes(data);
        s3.putObject(b -> b.bucket("cli").key("k" + System.nanoTime()), RequestBody.fromBytes(data));
      }

      Run status = cli(stamp, "status", "--check");
      assertThat(status.exit()).isEqualTo(StampCli.EXIT_OK);
      assertThat(status.out()).contains("4 racks, 8 of 8 extent nodes up", "r4n2", "PARTITION",
          "partition manager leader: pm", "ok: ");
      assertThat(stamp.describe().sealedExtents()).isPositive();
      await("the stamp reports its fill").atMost(Duration.ofSeconds(10))
          .until(() -> stamp.describe().stamps().get(0).usedBytes() > 3 * data.length);
      assertThat(cli(stamp, "status").out()).as("the location service's view of the stamp")
          .containsPattern("stamp1 +127\\.0\\.0\\.100:" + port + " +\\d+\\.\\d% +32\\.00 GiB +1 +\\d+\\.\\d s ago");

      assertThat(cli(stamp, "kill-node", "r1n1").out()).contains("r1n1 killed");
      assertThat(stamp.isUp(ExtentNodeId.of("r1n1"))).isFalse();
      assertThat(cli(stamp, "kill-node", "r1n1").out()).contains("already down");
      assertThat(cli(stamp, "status").out()).containsPattern("r1n1 +\\S+ +DOWN");
      assertThat(cli(stamp, "restart-node", "r1n1").out()).contains("r1n1 restarted");
      assertThat(stamp.isUp(ExtentNodeId.of("r1n1"))).isTrue();

      assertThat(cli(stamp, "kill-rack", "r3").exit()).isEqualTo(StampCli.EXIT_OK);
      assertThat(stamp.extentNodes(RackId.of("r3"))).noneMatch(stamp::isUp);
      assertThat(stamp.describe().extentNodesUp()).isEqualTo(6);
      assertThat(cli(stamp, "restart-rack", "r3").exit()).isEqualTo(StampCli.EXIT_OK);
      assertThat(stamp.extentNodes(RackId.of("r3"))).allMatch(stamp::isUp);

      String stampFe2 = stamp.config().stamp() + "/fe2";
      assertThat(cli(stamp, "kill-frontend", stampFe2).out()).contains("fe2 killed");
      assertThat(stamp.isUp(FrontendNodeId.of("fe2"))).isFalse();
      assertThat(cli(stamp, "status").out()).containsPattern("fe2 +DOWN");
      try (S3Client vip = TestStamps.s3(stamp.vip(), StampConfig.DEFAULT_ACCESS_KEY, StampConfig.DEFAULT_SECRET_KEY)) {
        assertThat(vip.listBuckets().buckets()).as("S3 through the stamp's VIP, on fe1").isNotEmpty();
      }
      assertThat(cli(stamp, "restart-frontend", "fe2").out()).contains("fe2 restarted");
      assertThat(stamp.isUp(FrontendNodeId.of("fe2"))).isTrue();
      Run unknownFrontend = cli(stamp, "kill-frontend", "fe9");
      assertThat(unknownFrontend.exit()).isEqualTo(StampCli.EXIT_FAILED);
      assertThat(unknownFrontend.err()).contains("no front-end fe9");
      assertThat(cli(stamp, "kill-frontend", "s9/fe1").err()).contains("no stamp s9");

      Run unknownNode = cli(stamp, "kill-node", "r9n9");
      assertThat(unknownNode.exit()).isEqualTo(StampCli.EXIT_FAILED);
      assertThat(unknownNode.err()).contains("no extent node r9n9");
      Run unknownRack = cli(stamp, "restart-rack", "r9");
      assertThat(unknownRack.exit()).isEqualTo(StampCli.EXIT_FAILED);
      assertThat(unknownRack.err()).contains("no rack r9");
      assertThat(cli(stamp, "kill-node").exit()).isEqualTo(StampCli.EXIT_USAGE);

      consoleAnswers(stamp);
    }
    int nobody = PortPlan.findFree(StampConfig.defaults(dir), new Random(3)).base();
    Run none = cli(dir, nobody, "status");
    assertThat(none.exit()).isEqualTo(StampCli.EXIT_NO_STAMP);
    assertThat(none.err()).contains("no stamp is running");
  }

  @Test
  void rangesFromTheCommandLine() throws Exception {
    try (MiniStamp stamp = MiniStamp.builder(dir).racks(4, 2).balance(BalanceConfig.off()).seed(TestStamps.seed())
        .start(); S3Client s3 = TestStamps.s3(stamp)) {
      int port = stamp.config().basePort();
      s3.createBucket(b -> b.bucket("cli"));
      for (int i = 0; i < 20; i++) {
        String key = "k" + i;
        s3.putObject(b -> b.bucket("cli").key(key), RequestBody.fromString(key));
      }
      awaitSettled(stamp, 3);
      // Loads reach the manager with the next heartbeat.
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stamp.describe().partitions().get(0).load()
          .map(l -> l.keys() == 20).orElse(false));
      assertThat(cli(stamp, "status").out()).containsPattern("p0 +\"\" +\"h\" +ps\\d +20 ")
          .contains("garbage in sealed blob extents");
      Run gc = cli(stamp, "gc");
      assertThat(gc.exit()).as(gc.err()).isEqualTo(StampCli.EXIT_OK);
      assertThat(gc.out()).containsPattern("gc of \\d+ blob streams: \\d+ bytes in sealed extents");

      Run split = cli(stamp, "split", "p0", "cli/k5");
      assertThat(split.exit()).as(split.err()).isEqualTo(StampCli.EXIT_OK);
      // "cli/k5" names the bucket's objects: the split lands in its key space (cli~<id>)
      assertThat(split.out()).contains("split p0").containsPattern("p3 \\[, cli~\\w+/k5\\), p4 \\[cli~\\w+/k5, h\\)");
      awaitSettled(stamp, 4);
      // the server proposes a split key once its load report (keys, median key) reached the manager
      Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stamp.describe().partitions())
          .anySatisfy(p -> assertThat(p.id().value().equals("p3") && p.load().map(l -> l.keys() >= 2).orElse(false))
              .as(p.toString()).isTrue()));
      assertThat(cli(stamp, "split", "p3").exit()).as("split at the key the server proposes").isEqualTo(StampCli.EXIT_OK);
      awaitSettled(stamp, 5);
      Run merge = cli(stamp, "merge", "p5");
      assertThat(merge.out()).contains("merged p5");
      awaitSettled(stamp, 4);
      String last = stamp.describe().partitions().get(0).id().value();
      PartitionServerId from = stamp.describe().partitions().get(0).server().orElseThrow();
      PartitionServerId to = stamp.partitionServers().stream().filter(s -> !s.equals(from)).findFirst().orElseThrow();
      assertThat(cli(stamp, "move", last, to.value()).out()).contains("moving " + last + " to " + to);
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> settled(stamp, 4)
          && stamp.describe().partitions().get(0).server().equals(Optional.of(to)));
      for (int i = 0; i < 20; i++) {
        String key = "k" + i;
        assertThat(s3.getObjectAsBytes(b -> b.bucket("cli").key(key)).asUtf8String()).isEqualTo(key);
      }

      assertThat(cli(stamp, "kill-partition-server", to.value()).out()).contains("killed partition server " + to);
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> settled(stamp, 4)
          && stamp.describe().partitions().stream().allMatch(p -> p.server().equals(Optional.of(from))));
      assertThat(s3.getObjectAsBytes(b -> b.bucket("cli").key("k1")).asUtf8String()).isEqualTo("k1");
      assertThat(cli(stamp, "restart-partition-server", to.value()).out()).contains("restarted partition server " + to);
      assertThat(cli(stamp, "kill-partition-manager-leader").out()).contains("killed partition manager leader pm");

      Run unknown = cli(stamp, "split", "p99");
      assertThat(unknown.exit()).isEqualTo(StampCli.EXIT_FAILED);
      assertThat(unknown.err()).contains("no range p99");
      assertThat(cli(stamp, "split", last, "zzz").err()).contains("is not inside");
      assertThat(cli(stamp, "move", last, "ps9").err()).contains("no partition server ps9");
      assertThat(cli(stamp, "kill-partition-server", "ps9").err()).contains("no partition server ps9");
      assertThat(cli(stamp, "move", last).exit()).isEqualTo(StampCli.EXIT_USAGE);
    }
  }

  private static void awaitSettled(MiniStamp stamp, int ranges) {
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> settled(stamp, ranges));
  }

  private static boolean settled(MiniStamp stamp, int ranges) {
    List<StampStatus.PartitionStatus> now = stamp.describe().partitions();
    return now.size() == ranges && now.stream().allMatch(p -> p.load().map(l -> l.loaded()).orElse(false));
  }

  private static void consoleAnswers(MiniStamp stamp) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://" + stamp.consoleEndpoint();
    String token = "Bearer " + ConsoleAccess.read(stamp.config().dataDir()).orElseThrow();
    HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/kill-rack?rack=r1"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(noToken.statusCode()).as("admin verbs need the token").isEqualTo(401);
    HttpResponse<String> wrongToken = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/kill-rack?rack=r1"))
        .header("Authorization", "Bearer 00").POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(wrongToken.statusCode()).isEqualTo(401);
    HttpResponse<String> fromAPage = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/kill-rack?rack=r1"))
        .header("Authorization", token).header("Origin", "http://evil.example")
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(fromAPage.statusCode()).as("a web page's request, even with the token").isEqualTo(403);
    assertThat(stamp.describe().extentNodes()).as("nothing was killed").allMatch(n -> n.up());
    HttpResponse<String> noId = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/kill-node"))
        .header("Authorization", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(noId.statusCode()).isEqualTo(400);
    HttpResponse<String> badRack = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/kill-rack?rack=nowhere"))
        .header("Authorization", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(badRack.statusCode()).isEqualTo(404);
    assertThat(badRack.body()).contains("no rack nowhere");

    JsonObject status = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    assertThat(status.getJsonArray("racks")).hasSize(4);
    assertThat(status.getInteger("extentNodesUp")).isEqualTo(8);
    assertThat(StatusJson.fromJson(status).extentNodes()).hasSize(8);

    String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).containsPattern("stampede_stamp_extent_nodes\\{[^}]*state=\"up\"[^}]*} 8\\.0")
        .containsPattern("stampede_extent_requests_total\\{[^}]*node=\"r4n2\"");
  }
}

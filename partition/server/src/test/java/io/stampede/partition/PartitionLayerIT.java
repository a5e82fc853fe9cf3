package io.stampede.partition;

import static io.stampede.partition.testkit.Await.await;
import static io.stampede.partition.testkit.Await.failure;
import static io.stampede.partition.testkit.Await.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.id.StampId;
import io.stampede.common.key.ByteRange;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.grpc.GrpcPartitionServerClient;
import io.stampede.partition.api.grpc.PartitionGrpc;
import io.stampede.partition.api.routing.RoutingConfig;
import io.stampede.partition.api.routing.RoutingPartitionClient;
import io.stampede.partition.manager.PartitionManagerConfig;
import io.stampede.partition.manager.PartitionManagerPeer;
import io.stampede.partition.server.PartitionServerConfig;
import io.stampede.partition.server.PartitionServerNode;
import io.stampede.partition.testkit.BytesBody;
import io.stampede.partition.testkit.InMemoryStreamClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The partition layer over real gRPC and Ratis: 3 manager peers, 2 partition servers, the routing client. */
@Timeout(180)
class PartitionLayerIT {
  private static final StampId STAMP = StampId.of("it");
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final Clock clock = Clock.systemUTC();
  private final InMemoryStreamClient streams = new InMemoryStreamClient(64 * 1024);
  private final Map<ManagerPeerId, Endpoint> raftPeers = new LinkedHashMap<>();
  private final List<PartitionManagerPeer> peers = new ArrayList<>();
  private final List<PartitionServerNode> nodes = new ArrayList<>();
  private RoutingPartitionClient client;

  @AfterEach
  void tearDown() {
    if (client != null) {
      await(client.close());
    }
    nodes.forEach(n -> await(n.stop()));
    peers.forEach(p -> await(p.stop()));
    await(vertx.close());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private List<Endpoint> startPeers() {
    peers.clear();
    for (ManagerPeerId id : raftPeers.keySet()) {
      PartitionManagerConfig config = PartitionManagerConfig.defaults(STAMP, id, raftPeers,
              Endpoint.of("127.0.0.1", 0), dir.resolve(id.value()))
          .withSplitPoints(List.of("b/h", "b/p"))
          .withLeases(Duration.ofSeconds(5), Duration.ofMillis(1500));
      peers.add(new PartitionManagerPeer(vertx, config, new SimpleMeterRegistry(), clock));
    }
    await(Future.all(peers.stream().map(PartitionManagerPeer::start).toList()));
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> peers.stream().filter(PartitionManagerPeer::isLeader).count() == 1);
    return peers.stream().map(PartitionManagerPeer::endpoint).toList();
  }

  private ObjectInfo put(String key, byte[] data) {
    return await(client.putObject(new PutObjectRequest("b", key, data.length, "application/octet-stream",
        Map.of("Content-Disposition", "inline"), Map.of("k", "v")), new BytesBody(context, data, 50_000, -1)));
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  @Test
  void serveTheMapAndObjectsOverGrpcAndSurviveAManagerRestart() throws Exception {
    for (int i = 1; i <= 3; i++) {
      raftPeers.put(ManagerPeerId.of("m" + i), Endpoint.of("127.0.0.1", freePort()));
    }
    List<Endpoint> managers = startPeers();
    for (int i = 1; i <= 2; i++) {
      PartitionServerConfig config = PartitionServerConfig.defaults(STAMP, PartitionServerId.of("ps" + i),
          Endpoint.of("127.0.0.1", 0), managers).withTiming(Duration.ofMillis(250), Duration.ofSeconds(5));
      PartitionServerNode node = new PartitionServerNode(vertx, config, streams, new SimpleMeterRegistry(), clock);
      await(node.start());
      nodes.add(node);
    }
    client = RoutingPartitionClient.connect(vertx, managers, RoutingConfig.defaults());
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
        nodes.stream().allMatch(n -> n.server().rangesServed() >= 1)
            && nodes.stream().mapToInt(n -> n.server().rangesServed()).sum() == 3);
    PartitionMap map = await(client.refreshMap());
    assertEquals(3, map.entries().size());
    assertTrue(map.entries().stream().allMatch(e -> e.server() != null));

    objectsRoundTrip();
    listingSpansRanges();
    wrongServerAnswersNotServing(map);

    peers.forEach(p -> await(p.stop()));
    try (Stream<Path> files = Files.walk(dir)) {
      assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("snapshot.")), "snapshot written on stop");
    }
    List<Endpoint> restarted = startPeers();
    PartitionMap after = Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> await(new io.stampede.partition.api.grpc.GrpcPartitionManagerClient(PartitionGrpc.client(vertx),
            restarted, Duration.ofSeconds(5)).getPartitionMap()), m -> !m.entries().isEmpty());
    assertEquals(map.entries().stream().map(PartitionEntry::range).toList(),
        after.entries().stream().map(PartitionEntry::range).toList());
    assertEquals(map.entries(), after.entries());
  }

  private void objectsRoundTrip() {
    byte[] big = bytes(1_000_000);
    ObjectInfo info = put("a-big", big);
    assertEquals(1_000_000, info.size());
    put("hello", "in the middle".getBytes(StandardCharsets.UTF_8));
    put("zebra", new byte[0]);
    ObjectRead read = await(client.getObject("b", "a-big", Optional.empty()));
    assertEquals("inline", read.info().headers().get("Content-Disposition"));
    assertArrayEquals(big, readAll(read.body()).getBytes());
    ObjectRead part = await(client.getObject("b", "a-big", Optional.of(ByteRange.fromTo(300_000, 700_000))));
    assertTrue(part.partial());
    assertArrayEquals(Arrays.copyOfRange(big, 300_000, 700_001), readAll(part.body()).getBytes());
    assertEquals(0, readAll(await(client.getObject("b", "zebra", Optional.empty())).body()).length());
    assertEquals(PartitionErrorCode.INVALID_RANGE,
        failure(client.getObject("b", "zebra", Optional.of(ByteRange.from(0)))));
    assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(client.headObject("b", "nope")));
    assertEquals(PartitionErrorCode.BAD_REQUEST, failure(client.headObject("b", "k".repeat(1025))));

    PutObjectRequest req = new PutObjectRequest("b", "broken", 100_000, "t", Map.of(), Map.of());
    assertEquals(PartitionErrorCode.INCOMPLETE_BODY,
        failure(client.putObject(req, new BytesBody(context, bytes(100_000), 10_000, 40_000))));
    Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> failure(client.headObject("b", "broken")) == PartitionErrorCode.NO_SUCH_KEY);

    await(client.deleteObject("b", "hello"));
    assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(client.getObject("b", "hello", Optional.empty())));
  }

  private void listingSpansRanges() {
    for (String k : List.of("d/1", "h/1", "o/2", "p/1", "q")) {
      put(k, k.getBytes(StandardCharsets.UTF_8));
    }
    ListPage all = await(client.listObjects(ListObjectsQuery.of("b", "", "/", "", 100)));
    assertEquals(List.of("a-big", "q", "zebra"), all.objects().stream().map(ObjectInfo::key).toList());
    assertEquals(List.of("d/", "h/", "o/", "p/"), all.commonPrefixes());
    assertFalse(all.truncated());
    ListPage two = await(client.listObjects(ListObjectsQuery.of("b", "", "", "d/1", 2)));
    assertEquals(List.of("h/1", "o/2"), two.objects().stream().map(ObjectInfo::key).toList());
    assertTrue(two.truncated());
  }

  private void wrongServerAnswersNotServing(PartitionMap map) {
    PartitionEntry first = map.entryFor("b/a").orElseThrow();
    Endpoint other = map.servers().values().stream().filter(s -> !s.id().equals(first.server()))
        .findFirst().orElseThrow().endpoint();
    GrpcPartitionServerClient direct = new GrpcPartitionServerClient(PartitionGrpc.client(vertx), other, Duration.ofSeconds(5));
    assertEquals(PartitionErrorCode.NOT_SERVING, failure(direct.headObject("b", "a-big")));
  }
}

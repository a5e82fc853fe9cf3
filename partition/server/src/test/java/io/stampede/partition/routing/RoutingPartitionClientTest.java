package io.stampede.partition.routing;

import static io.stampede.partition.testkit.Await.await;
import static io.stampede.partition.testkit.Await.failure;
import static io.stampede.partition.testkit.Await.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.id.StampId;
import io.stampede.common.key.KeyRange;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionManagerApi;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.ServerReport;
import io.stampede.partition.api.PartitionServerInfo;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.routing.RoutingConfig;
import io.stampede.partition.api.routing.RoutingPartitionClient;
import io.stampede.partition.server.PartitionServer;
import io.stampede.partition.server.PartitionServerConfig;
import io.stampede.partition.testkit.BytesBody;
import io.stampede.partition.testkit.InMemoryStreamClient;
import io.stampede.partition.throttle.RateLimit;
import io.stampede.partition.throttle.RequestRateLimits;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routing client over three in-memory partition servers, one range each. */
class RoutingPartitionClientTest {
  private static final List<String> SPLITS = List.of("b/d", "b/m/5");
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final Clock clock = Clock.systemUTC();
  private final InMemoryStreamClient streams = new InMemoryStreamClient(4096);
  private final Map<PartitionServerId, PartitionServer> servers = new HashMap<>();
  /** Stand-ins the client reaches instead of a server. */
  private final Map<PartitionServerId, io.stampede.partition.api.PartitionApi> standIns = new HashMap<>();
  private final AtomicReference<PartitionMap> managerMap = new AtomicReference<>();
  private final AtomicInteger mapFetches = new AtomicInteger();
  private RoutingPartitionClient client;

  @BeforeEach
  void setUp() {
    PartitionMap map = map(List.of("s0", "s1", "s2"));
    for (int i = 0; i < 3; i++) {
      PartitionServerId id = PartitionServerId.of("s" + i);
      PartitionServerConfig config = PartitionServerConfig.defaults(StampId.of("t"), id,
          Endpoint.of("127.0.0.1", 0), List.of(Endpoint.of("127.0.0.1", 1)));
      PartitionServer server = new PartitionServer(config, streams, new SimpleMeterRegistry(), clock, context);
      server.update(map, Long.MAX_VALUE);
      servers.put(id, server);
    }
    Awaitility.await().until(() -> servers.values().stream().allMatch(s -> s.rangesServed() == 1));
    managerMap.set(map);
    PartitionManagerApi manager = new PartitionManagerApi() {
      @Override
      public Future<PartitionMap> getPartitionMap() {
        mapFetches.incrementAndGet();
        return Future.succeededFuture(managerMap.get());
      }

      @Override
      public Future<PartitionMap> heartbeat(ServerReport report) {
        return getPartitionMap();
      }

      @Override
      public Future<PartitionMap> split(PartitionId range, Optional<String> indexKey) {
        return Future.failedFuture("not in this test");
      }

      @Override
      public Future<PartitionMap> merge(PartitionId left) {
        return Future.failedFuture("not in this test");
      }

      @Override
      public Future<PartitionMap> move(PartitionId range, PartitionServerId server) {
        return Future.failedFuture("not in this test");
      }

      @Override
      public Future<PartitionMap> replaceRanges(List<PartitionEntry> ranges) {
        return Future.failedFuture("not in this test");
      }
    };
    client = new RoutingPartitionClient(vertx, manager,
        info -> standIns.getOrDefault(info.id(), servers.get(info.id())),
        new RoutingConfig(3, Duration.ofMillis(1), Duration.ofSeconds(1)));
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  /** Ranges cut at SPLITS, the i-th assigned to owners[i]. */
  private static PartitionMap map(List<String> owners) {
    List<String> bounds = new ArrayList<>(List.of(""));
    bounds.addAll(SPLITS);
    bounds.add("");
    List<PartitionEntry> entries = new ArrayList<>();
    Map<PartitionServerId, PartitionServerInfo> infos = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      PartitionServerId owner = PartitionServerId.of(owners.get(i));
      entries.add(PartitionEntry.of(PartitionId.of("p" + i), KeyRange.of(bounds.get(i), bounds.get(i + 1)), owner));
      infos.put(owner, PartitionServerInfo.of(owner, Endpoint.of("127.0.0.1", 1000 + i)));
    }
    return new PartitionMap(1, entries, infos);
  }

  private ObjectInfo put(String key, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return await(client.putObject(new PutObjectRequest("b", key, bytes.length, "t", Map.of(), Map.of()),
        BytesBody.of(context, bytes)));
  }

  private static List<String> entries(ListPage page) {
    List<String> all = new ArrayList<>(page.commonPrefixes());
    page.objects().forEach(o -> all.add(o.key()));
    all.sort(String::compareTo);
    return all;
  }

  @Test
  void routesEachKeyToItsRangeAndReadsBack() {
    put("a", "in p0");
    put("g", "in p1");
    put("z", "in p2");
    assertArrayEquals("in p1".getBytes(StandardCharsets.UTF_8),
        readAll(await(client.getObject("b", "g", Optional.empty())).body()).getBytes());
    assertEquals(5, await(client.headObject("b", "z")).size());
    assertEquals(5, await(servers.get(PartitionServerId.of("s1")).headObject("b", "g")).size());
    assertEquals(PartitionErrorCode.NOT_SERVING, failure(servers.get(PartitionServerId.of("s0")).headObject("b", "g")));
    await(client.deleteObject("b", "g"));
    assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(client.headObject("b", "g")));
  }

  @Test
  void listsAcrossRangesWithPaginationAndDedupesAStraddlingPrefix() {
    for (String k : List.of("a", "c/1", "d", "m/1", "m/4", "m/5", "m/9", "n", "z")) {
      put(k, k);
    }
    ListPage first = await(client.listObjects(ListObjectsQuery.of("b", "", "/", "", 3)));
    assertEquals(List.of("a", "c/", "d"), entries(first));
    assertTrue(first.truncated());
    ListPage second = await(client.listObjects(ListObjectsQuery.of("b", "", "/", "d", 3)));
    assertEquals(List.of("m/", "n", "z"), entries(second));
    assertEquals(List.of("m/"), second.commonPrefixes());
    assertFalse(second.truncated());
    ListPage flat = await(client.listObjects(ListObjectsQuery.of("b", "m/", "", "m/1", 1000)));
    assertEquals(List.of("m/4", "m/5", "m/9"), entries(flat));
    List<String> paged = new ArrayList<>();
    String after = "";
    ListPage page;
    do {
      page = await(client.listObjects(ListObjectsQuery.of("b", "", "", after, 2)));
      page.objects().forEach(o -> paged.add(o.key()));
      after = paged.get(paged.size() - 1);
    } while (page.truncated());
    assertEquals(List.of("a", "c/1", "d", "m/1", "m/4", "m/5", "m/9", "n", "z"), paged);
  }

  @Test
  void maxKeysZeroLooksIntoLaterRanges() {
    put("z", "z");
    assertTrue(await(client.listObjects(ListObjectsQuery.of("b", "", "", "", 0))).truncated());
    assertFalse(await(client.listObjects(ListObjectsQuery.of("b", "", "", "z", 0))).truncated());
  }

  @Test
  void notServingRefreshesTheMapAndRetries() {
    put("a", "x");
    put("z", "y");
    // The cached map is stale: the client believes s1 serves everything; the manager knows better.
    managerMap.set(map(List.of("s1", "s1", "s1")));
    await(client.refreshMap());
    managerMap.set(map(List.of("s0", "s1", "s2")));
    int before = mapFetches.get();
    assertEquals(1, await(client.headObject("b", "a")).size());
    assertTrue(mapFetches.get() > before);
    managerMap.set(map(List.of("s1", "s1", "s1")));
    await(client.refreshMap());
    managerMap.set(map(List.of("s0", "s1", "s2")));
    assertEquals(2, put("zz", "ok").size());
    assertEquals(List.of("z", "zz"), entries(await(client.listObjects(ListObjectsQuery.of("b", "z", "", "", 10)))));
  }

  @Test
  void givesUpUnavailableAfterBoundedAttempts() {
    managerMap.set(map(List.of("s1", "s1", "s1")));
    await(client.refreshMap());
    int before = mapFetches.get();
    assertEquals(PartitionErrorCode.UNAVAILABLE, failure(client.headObject("b", "a")));
    assertEquals(2, mapFetches.get() - before);
  }

  @Test
  void slowDownIsAnsweredAsIsWithoutRetrying() {
    PartitionServerId s0 = PartitionServerId.of("s0");
    PartitionServer throttled = new PartitionServer(PartitionServerConfig.defaults(StampId.of("t"), s0,
            Endpoint.of("127.0.0.1", 0), List.of(Endpoint.of("127.0.0.1", 1)))
        .withLimits(RequestRateLimits.unlimited().withBucket(RateLimit.perSecond(1))),
        streams, new SimpleMeterRegistry(), Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC),
        context);
    throttled.update(managerMap.get(), Long.MAX_VALUE);
    Awaitility.await().until(() -> throttled.rangesServed() == 1);
    servers.put(s0, throttled);
    assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(client.headObject("b", "a")));
    int before = mapFetches.get();
    assertEquals(PartitionErrorCode.SLOW_DOWN, failure(client.headObject("b", "a")));
    assertEquals(before, mapFetches.get(), "SLOW_DOWN is the client's to back off from, not a routing failure");
  }

  @Test
  void aWriteThatMayHaveTakenEffectIsNeverSentAgainButAReadIs() {
    PartitionServerId s0 = PartitionServerId.of("s0");
    AtomicInteger calls = new AtomicInteger();
    standIns.put(s0, flaky(servers.get(s0), calls, new io.stampede.partition.api.PartitionException(
        PartitionErrorCode.UNAVAILABLE, "the answer was lost")));
    assertEquals(PartitionErrorCode.UNAVAILABLE, failure(client.deleteObject("b", "a")));
    assertEquals(1, calls.get(), "a delete that may have happened is not repeated");
    calls.set(0);
    assertEquals(PartitionErrorCode.UNAVAILABLE, failure(client.headObject("b", "a")));
    assertEquals(3, calls.get(), "a read is retried up to the bound");
  }

  @Test
  void aWriteRefusedBeforeItReachedItsServerIsSentAgain() {
    PartitionServerId s0 = PartitionServerId.of("s0");
    AtomicInteger calls = new AtomicInteger();
    PartitionServer real = servers.get(s0);
    standIns.put(s0, flaky(real, calls, new io.stampede.partition.api.PartitionException(PartitionErrorCode.UNAVAILABLE,
        "refused", new java.net.ConnectException("Connection refused"))));
    assertEquals(PartitionErrorCode.UNAVAILABLE, failure(client.deleteObject("b", "a")));
    assertEquals(3, calls.get(), "a connection refused means the call never ran");
  }

  /** {@code server}, but every call (after running, for writes) fails with {@code failure}. */
  private static io.stampede.partition.api.PartitionApi flaky(PartitionServer server, AtomicInteger calls,
      Throwable failure) {
    return (io.stampede.partition.api.PartitionApi) java.lang.reflect.Proxy.newProxyInstance(
        RoutingPartitionClientTest.class.getClassLoader(),
        new Class<?>[] {io.stampede.partition.api.PartitionApi.class}, (proxy, method, args) -> {
          if (method.isDefault()) {
            return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
          }
          calls.incrementAndGet();
          Object result = method.invoke(server, args);
          return result instanceof Future<?> f ? f.transform(ar -> Future.failedFuture(failure)) : result;
        });
  }
}

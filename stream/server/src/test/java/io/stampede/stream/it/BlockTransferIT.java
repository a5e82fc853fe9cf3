package io.stampede.stream.it;

import static io.stampede.stream.testing.InProcessStreamLayer.await;
import static io.stampede.stream.testing.InProcessStreamLayer.failureCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.ExtentId;
import io.stampede.common.id.StreamId;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.StreamWriter;
import io.stampede.stream.api.http.BlockTransfer;
import io.stampede.stream.api.http.BlockTransferClient;
import io.stampede.stream.api.http.LocalReads;
import io.stampede.stream.testing.LoopbackStreamLayer;
import io.stampede.stream.testing.ReplicaFiles;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data plane over real sockets: blocks read from extent nodes as stored, checked by the
 * reader; a corrupt replica is skipped; blocks written with their checksums, checked by the node;
 * bad requests get their status and code and change nothing; a killed node answers nothing.
 * Short-circuit reads ({@link LocalReads}): a node says where its replica files are, a reader on
 * this host finds that very directory and reads blocks from the files, checked as a network read
 * is; a damaged, missing or mislabelled file fails with the code a network read would give, and a
 * directory that is not the node's own (another host's answer) is never read.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BlockTransferIT {
  private static final StreamId STREAM = StreamId.of("p1-blobs");

  @TempDir Path dir;
  private Vertx vertx;
  private LoopbackStreamLayer layer;
  private BlockTransferClient reader;
  private LocalReads local;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private HttpClient http;
  private Context context;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    layer = new LoopbackStreamLayer(vertx, dir);
    layer.start(3, c -> c);
    reader = BlockTransferClient.create(vertx, Duration.ofSeconds(5));
    local = LocalReads.create(vertx, reader, registry, "test");
    http = vertx.createHttpClient();
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void tearDown() throws Exception {
    await(reader.close());
    await(http.close());
    layer.close();
    await(vertx.close());
  }

  @Test
  void aBlockComesAsStoredAndACorruptReplicaIsSkipped() throws Exception {
    byte[] bytes = new byte[700_000];
    new Random(3).nextBytes(bytes);
    ExtentPointer pointer = await(await(layer.client().claim(STREAM)).append(List.of(Buffer.buffer(bytes)))).get(0);
    ExtentInfo extent = extent(pointer.extent());
    ExtentNodeInfo primary = extent.replicas().get(0);
    assertEquals(Buffer.buffer(bytes), await(reader.read(primary.endpoint(), pointer)));

    ReplicaFiles.flipPayloadByte(layer.extentDir(Integer.parseInt(primary.rack().value().substring(1))), pointer);
    StreamException corrupt = assertThrows(ExecutionException.class, () -> await(reader.read(primary.endpoint(), pointer)))
        .getCause() instanceof StreamException se ? se : null;
    assertEquals(StreamErrorCode.CORRUPT, corrupt == null ? null : corrupt.code(), String.valueOf(corrupt));
    // the stream client goes on to the next replica
    assertEquals(Buffer.buffer(bytes), await(layer.newClient().read(pointer)));
  }

  @Test
  void badRequestsGetTheirStatusAndCodeAndAKilledNodeAnswersNothing() throws Exception {
    ExtentPointer pointer = await(await(layer.client().claim(STREAM)).append(List.of(Buffer.buffer("block")))).get(0);
    ExtentNodeInfo node = extent(pointer.extent()).replicas().get(0);
    Endpoint at = node.endpoint();

    HttpClientResponse wrongLength = get(at, BlockTransfer.uri(new ExtentPointer(pointer.extent(), pointer.offset(), 4)));
    assertEquals(416, wrongLength.statusCode());
    assertEquals("OFFSET_MISMATCH", wrongLength.getHeader(BlockTransfer.ERROR_HEADER));
    HttpClientResponse unknown = get(at, BlockTransfer.uri(new ExtentPointer(ExtentId.of("nope"), 0, 5)));
    assertEquals(404, unknown.statusCode());
    assertEquals("NOT_FOUND", unknown.getHeader(BlockTransfer.ERROR_HEADER));
    assertEquals(404, get(at, BlockTransfer.uri(new ExtentPointer(ExtentId.of("../../../etc/passwd"), 0, 5)))
        .statusCode());
    // a length no block can have is refused before anything that large is read or held
    assertEquals(416, get(at, BlockTransfer.uri(new ExtentPointer(pointer.extent(), 0, Integer.MAX_VALUE)))
        .statusCode());
    assertEquals(400, get(at, BlockTransfer.PATH + "x?offset=one&length=5").statusCode());
    assertEquals(400, get(at, BlockTransfer.PATH + "x?offset=-1&length=5").statusCode());
    assertEquals(StreamErrorCode.OFFSET_MISMATCH,
        failureCode(reader.read(at, new ExtentPointer(pointer.extent(), pointer.offset() + 1, 5))));
    assertEquals(Buffer.buffer("block"), await(reader.read(at, pointer)));

    layer.killNode(node.id());
    assertEquals(StreamErrorCode.UNAVAILABLE, failureCode(reader.read(at, pointer)));
  }

  @Test
  void writesThatAreDamagedFencedOrTooLargeAreRefusedAndChangeNothing() throws Exception {
    StreamWriter writer = await(layer.client().claim(STREAM));
    ExtentPointer first = await(writer.append(List.of(Buffer.buffer("first")))).get(0);
    Endpoint primary = extent(first.extent()).replicas().get(0).endpoint();
    String append = BlockTransfer.writeUri(first.extent(), writer.epoch(), -1);

    Buffer damaged = Buffer.buffer().appendInt(3).appendInt(12345).appendString("bad");
    HttpClientResponse corrupt = post(primary, append, damaged);
    assertEquals(400, corrupt.statusCode());
    assertEquals("CORRUPT", corrupt.getHeader(BlockTransfer.ERROR_HEADER));
    HttpClientResponse cut = post(primary, append, Buffer.buffer().appendInt(3));
    assertEquals(400, cut.statusCode());
    HttpClientResponse fenced = post(primary, BlockTransfer.writeUri(first.extent(), writer.epoch() - 1, -1),
        record("late"));
    assertEquals(409, fenced.statusCode());
    assertEquals("FENCED", fenced.getHeader(BlockTransfer.ERROR_HEADER));
    HttpClientResponse huge = post(primary, append, Buffer.buffer(new byte[13 << 20]));
    assertEquals(413, huge.statusCode());
    assertEquals(400, post(primary, BlockTransfer.PATH + first.extent().value(), record("no epoch")).statusCode());

    // nothing refused landed: the next append starts right after the first block
    ExtentPointer next = await(writer.append(List.of(Buffer.buffer("next")))).get(0);
    assertEquals(first.offset() + 8 + first.length(), next.offset());
    assertEquals(Buffer.buffer("next"), await(reader.read(primary, next)));
    for (ExtentNodeInfo replica : extent(first.extent()).replicas()) {
      assertEquals(Buffer.buffer("next"), await(reader.read(replica.endpoint(), next)), replica.id().value());
    }
  }

  private static Buffer record(String payload) {
    Buffer block = Buffer.buffer(payload);
    return BlockTransfer.recordHeader(block).appendBuffer(block);
  }

  private HttpClientResponse post(Endpoint at, String uri, Buffer body) throws Exception {
    return exchange(() -> http.request(HttpMethod.POST, at.port(), at.host(), uri).compose(req -> req.send(body)));
  }

  private ExtentInfo extent(ExtentId id) throws Exception {
    return await(layer.manager().describeStream(STREAM)).extents().stream()
        .filter(e -> e.id().equals(id)).findFirst().orElseThrow();
  }

  private HttpClientResponse get(Endpoint at, String uri) throws Exception {
    return exchange(() -> http.request(HttpMethod.GET, at.port(), at.host(), uri).compose(req -> req.send()));
  }

  /**
   * One request and its whole answer, started on a Vert.x thread as every caller in the stamp does
   * (a request started on another thread can wait forever for a pooled connection, Vert.x 5.0.7).
   */
  private HttpClientResponse exchange(Supplier<Future<HttpClientResponse>> request) throws Exception {
    Promise<HttpClientResponse> answer = Promise.promise();
    context.runOnContext(v -> request.get().compose(resp -> resp.body().map(body -> resp)).onComplete(answer));
    return await(answer.future());
  }

  @Test
  void blocksAreReadFromTheFilesOfNodesOnThisHostAndCheckedAsOverTheNetwork() throws Exception {
    byte[] bytes = new byte[700_000];
    new Random(5).nextBytes(bytes);
    ExtentPointer pointer = append(bytes);
    ExtentNodeInfo primary = primaryOf(pointer);
    Path files = layer.extentDir(rack(primary));

    Optional<Path> found = onContext(() -> local.dir(primary.endpoint()));
    assertEquals(Optional.of(files.toAbsolutePath().normalize()), found);
    assertEquals(Buffer.buffer(bytes), onContext(() -> local.readFile(found.get(), pointer)));
    ExtentPointer small = append("small".getBytes());
    assertEquals(Buffer.buffer("small"), onContext(() -> local.readFile(found.get(), small)));

    // what a network read refuses (OFFSET_MISMATCH, NOT_FOUND), a local read refuses too
    assertEquals(StreamErrorCode.CORRUPT, failureCode(local.readFile(found.get(),
        new ExtentPointer(pointer.extent(), pointer.offset(), pointer.length() - 1))));
    assertEquals(StreamErrorCode.CORRUPT, failureCode(local.readFile(found.get(),
        new ExtentPointer(pointer.extent(), pointer.offset() + (1 << 20), 5))));
    assertEquals(StreamErrorCode.NOT_FOUND, failureCode(local.readFile(found.get(),
        new ExtentPointer(ExtentId.of("nope"), 0, 5))));
    // an id that would lead out of the directory, to a good replica of extent "outside" there
    Files.copy(files.resolve(pointer.extent().value() + ".ext"), files.getParent().resolve("outside.ext"));
    assertEquals(StreamErrorCode.NOT_FOUND, failureCode(local.readFile(found.get(),
        new ExtentPointer(ExtentId.of("../outside"), pointer.offset(), pointer.length()))));
    // a file under the extent's name that is not its replica (its header names another extent)
    Files.copy(files.resolve(pointer.extent().value() + ".ext"), files.resolve("other.ext"));
    assertEquals(StreamErrorCode.CORRUPT, failureCode(local.readFile(found.get(),
        new ExtentPointer(ExtentId.of("other"), pointer.offset(), pointer.length()))));

    // a read of the node's block: from the file while it is good, over the network once it is not
    assertEquals(Buffer.buffer(bytes), onContext(() -> local.read(primary.endpoint(), pointer)));
    assertEquals(1.0, registry.counter("stampede.localreads.blocks", "reader", "test", "from", "file").count());
    assertEquals(bytes.length, registry.counter("stampede.localreads.bytes", "reader", "test").count());
    ReplicaFiles.flipPayloadByte(files, pointer);
    assertEquals(StreamErrorCode.CORRUPT, failureCode(local.readFile(found.get(), pointer)));
    assertEquals(StreamErrorCode.CORRUPT, failureCode(local.read(primary.endpoint(), pointer)));
    assertEquals(1.0, registry.counter("stampede.localreads.fallbacks", "reader", "test").count());
    assertEquals(1.0, registry.counter("stampede.localreads.blocks", "reader", "test", "from", "network").count());
  }

  @Test
  void aDirectoryThatIsNotTheNodesOwnIsNeverRead() throws Exception {
    ExtentNodeInfo node = primaryOf(append("block".getBytes()));
    Path files = layer.extentDir(rack(node)).toAbsolutePath();
    String token = LocalReads.token(files);
    assertEquals(Optional.of(files.normalize()), onContext(() -> local.dir(node.endpoint())));
    // another host's node keeping its files under the same path: the directory here holds another token
    Endpoint elsewhere = answering(new BlockTransfer.LocalDir(token + "x", files).answer());
    assertEquals(Optional.empty(), onContext(() -> local.dir(elsewhere)));
    Endpoint garbled = answering(Buffer.buffer("no newline here"));
    assertEquals(Optional.empty(), onContext(() -> local.dir(garbled)));
    Endpoint relative = answering(Buffer.buffer(token + "\nrelative/extents"));
    assertEquals(Optional.empty(), onContext(() -> local.dir(relative)));

    // a node that is down cannot say, and its files stop being read once its answer is old
    layer.killNode(node.id());
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> onContext(() -> local.dir(node.endpoint())).isEmpty());
  }

  @Test
  void askingFromTwoContextsAsksOnceAndAnswersEachOnItsOwnContext() throws Exception {
    ExtentNodeInfo node = primaryOf(append("block".getBytes()));
    Path files = layer.extentDir(rack(node)).toAbsolutePath();
    AtomicInteger asked = new AtomicInteger();
    HttpServer server = vertx.createHttpServer().requestHandler(req -> {
      asked.incrementAndGet();
      // answers a little late, so that both askers wait for the one question
      vertx.setTimer(500, t -> req.response().end(Buffer.buffer(tokenOf(files) + "\n" + files)));
    });
    Endpoint at = Endpoint.of("127.0.0.1", await(server.listen(0, "127.0.0.1")).actualPort());
    Context other = vertx.getOrCreateContext();
    Promise<Context> firstOn = Promise.promise();
    Promise<Context> secondOn = Promise.promise();
    context.runOnContext(v -> local.dir(at).onSuccess(d -> firstOn.complete(d.isPresent() ? Vertx.currentContext() : null)));
    other.runOnContext(v -> local.dir(at).onSuccess(d -> secondOn.complete(d.isPresent() ? Vertx.currentContext() : null)));
    assertSame(context, await(firstOn.future()));
    assertSame(other, await(secondOn.future()));
    assertEquals(1, asked.get());
  }

  private static String tokenOf(Path files) {
    try {
      return LocalReads.token(files);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private ExtentPointer append(byte[] bytes) throws Exception {
    return await(await(layer.client().claim(STREAM)).append(List.of(Buffer.buffer(bytes)))).get(0);
  }

  private ExtentNodeInfo primaryOf(ExtentPointer pointer) throws Exception {
    return await(layer.manager().describeStream(STREAM)).extents().stream()
        .filter(e -> e.id().equals(pointer.extent())).findFirst().orElseThrow().replicas().get(0);
  }

  private static int rack(ExtentNodeInfo node) {
    return Integer.parseInt(node.rack().value().substring(1));
  }

  /** A server answering every request with {@code answer}, as a node would answer where its files are. */
  private Endpoint answering(Buffer answer) throws Exception {
    HttpServer server = vertx.createHttpServer().requestHandler(req -> req.response().end(answer));
    return Endpoint.of("127.0.0.1", await(server.listen(0, "127.0.0.1")).actualPort());
  }

  private <T> T onContext(java.util.function.Supplier<io.vertx.core.Future<T>> call) throws Exception {
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(result));
    return await(result.future());
  }
}

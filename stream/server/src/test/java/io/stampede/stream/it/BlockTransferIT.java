package io.stampede.stream.it;

import static io.stampede.stream.testing.InProcessStreamLayer.await;
import static io.stampede.stream.testing.InProcessStreamLayer.failureCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import io.stampede.stream.testing.LoopbackStreamLayer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data plane over real sockets: blocks read from extent nodes as stored, checked by the
 * reader; a corrupt replica is skipped; blocks written with their checksums, checked by the node;
 * bad requests get their status and code and change nothing; a killed node answers nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BlockTransferIT {
  private static final StreamId STREAM = StreamId.of("p1-blobs");

  @TempDir Path dir;
  private Vertx vertx;
  private LoopbackStreamLayer layer;
  private BlockTransferClient reader;
  private HttpClient http;
  private Context context;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    layer = new LoopbackStreamLayer(vertx, dir);
    layer.start(3, c -> c);
    reader = BlockTransferClient.create(vertx, Duration.ofSeconds(5));
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

    flipPayloadByte(primary, pointer);
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

  /** Changes one payload byte of the block in the node's replica file, leaving its checksum. */
  private void flipPayloadByte(ExtentNodeInfo node, ExtentPointer pointer) throws Exception {
    int rack = Integer.parseInt(node.rack().value().substring(1));
    Path file = layer.extentDir(rack).resolve(pointer.extent().value() + ".ext");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long headerBytes = ch.size() - extentLength(pointer);
      long at = headerBytes + pointer.offset() + 8 + 100;
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, at);
      one.flip();
      ch.write(ByteBuffer.wrap(new byte[] {(byte) (one.get(0) ^ 0x5a)}), at);
    }
  }

  private static long extentLength(ExtentPointer only) {
    return only.offset() + 8 + only.length();
  }
}

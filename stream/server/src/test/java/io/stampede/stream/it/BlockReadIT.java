package io.stampede.stream.it;

import static io.stampede.stream.testing.InProcessStreamLayer.await;
import static io.stampede.stream.testing.InProcessStreamLayer.failureCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.StreamId;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.http.BlockTransfer;
import io.stampede.stream.api.http.HttpBlockReader;
import io.stampede.stream.testing.LoopbackStreamLayer;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data plane over real sockets: blocks read from extent nodes as stored, checked by the
 * reader; a corrupt replica is skipped; bad requests get their status and code; a killed node
 * answers nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BlockReadIT {
  private static final StreamId STREAM = StreamId.of("p1-blobs");

  @TempDir Path dir;
  private Vertx vertx;
  private LoopbackStreamLayer layer;
  private HttpBlockReader reader;
  private HttpClient http;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    layer = new LoopbackStreamLayer(vertx, dir);
    layer.start(3, c -> c);
    reader = HttpBlockReader.create(vertx, Duration.ofSeconds(5));
    http = vertx.createHttpClient();
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
    assertEquals(StreamErrorCode.CORRUPT, failureCode(reader.read(primary.endpoint(), pointer)));
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
    assertEquals(400, get(at, BlockTransfer.PATH + "x?offset=one&length=5").statusCode());
    assertEquals(400, get(at, BlockTransfer.PATH + "x?offset=-1&length=5").statusCode());
    assertEquals(StreamErrorCode.OFFSET_MISMATCH,
        failureCode(reader.read(at, new ExtentPointer(pointer.extent(), pointer.offset() + 1, 5))));
    assertEquals(Buffer.buffer("block"), await(reader.read(at, pointer)));

    layer.killNode(node.id());
    assertEquals(StreamErrorCode.UNAVAILABLE, failureCode(reader.read(at, pointer)));
  }

  private ExtentInfo extent(ExtentId id) throws Exception {
    return await(layer.manager().describeStream(STREAM)).extents().stream()
        .filter(e -> e.id().equals(id)).findFirst().orElseThrow();
  }

  private HttpClientResponse get(Endpoint at, String uri) throws Exception {
    return await(http.request(HttpMethod.GET, at.port(), at.host(), uri)
        .compose(req -> req.send())
        .compose(resp -> resp.body().map(body -> resp)));
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

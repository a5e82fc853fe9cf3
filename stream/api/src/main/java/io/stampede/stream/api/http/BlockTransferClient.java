package io.stampede.stream.api.http;

import io.stampede.common.id.ExtentId;
import io.stampede.common.net.DataPlaneClient;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.AppendResult;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.List;

/**
 * Reads blocks from extent nodes and writes blocks to them over {@link BlockTransfer}: a pool of
 * keep-alive HTTP/1.1 connections per node, each block read checked as it arrives
 * ({@link ReceivedRecord}), each block written sent with its checksum for the node to check. A
 * call fails with a StreamException ({@link StreamException#of}): the node's error code, CORRUPT
 * for a block that fails its check, UNAVAILABLE when the node cannot be reached or goes quiet
 * for {@code timeout} (or no connection comes free in that time).
 * Thread-safe; the answer completes on the caller's context.
 */
public final class BlockTransferClient {
  /** Connections kept per node: a GET's read-ahead window and a few concurrent GETs. */
  public static final int CONNECTIONS_PER_NODE = 16;
  /** The most bytes one piece of a response carries. */
  static final int PIECE_BYTES_MAX = 256 * 1024;

  private final DataPlaneClient client;
  private final Duration timeout;

  private BlockTransferClient(DataPlaneClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** A reader whose reads fail once a node stays quiet for {@code timeout}; {@link #close()} it. */
  public static BlockTransferClient create(Vertx vertx, Duration timeout) {
    return new BlockTransferClient(DataPlaneClient.create(vertx, CONNECTIONS_PER_NODE, timeout, PIECE_BYTES_MAX),
        timeout);
  }

  /** The verified payload of the block at {@code pointer}, from the node at {@code node}. */
  public Future<Buffer> read(Endpoint node, ExtentPointer pointer) {
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET)
        .setHost(node.host()).setPort(node.port()).setURI(BlockTransfer.uri(pointer))
        .setTimeout(timeout.toMillis());
    return client.request(request)
        .compose(req -> req.send())
        .compose(response -> response.statusCode() == 200 ? receive(response, pointer) : refused(response))
        .recover(t -> Future.failedFuture(StreamException.of(t)));
  }

  /** Where {@code node} keeps its replica files ({@link BlockTransfer#LOCAL_PATH}). */
  public Future<BlockTransfer.LocalDir> whereLocal(Endpoint node) {
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET)
        .setHost(node.host()).setPort(node.port()).setURI(BlockTransfer.LOCAL_PATH)
        .setTimeout(timeout.toMillis());
    return client.request(request)
        .compose(req -> req.send())
        .compose(response -> response.statusCode() == 200
            ? response.body().map(BlockTransfer.LocalDir::of) : refused(response))
        .recover(t -> Future.failedFuture(StreamException.of(t)));
  }

  /**
   * Appends {@code blocks} to {@code extent} at its primary {@code node} under owner {@code epoch}
   * ({@code offset} < 0), or writes them at {@code offset} of the replica on {@code node}.
   */
  public Future<AppendResult> write(Endpoint node, ExtentId extent, long epoch, long offset, List<Buffer> blocks) {
    long length = 0;
    for (Buffer b : blocks) {
      length += ExtentNodeApi.BLOCK_OVERHEAD_BYTES + b.length();
    }
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
        .setHost(node.host()).setPort(node.port()).setURI(BlockTransfer.writeUri(extent, epoch, offset))
        .setTimeout(timeout.toMillis())
        .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length))
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream");
    return client.request(request)
        .compose(req -> {
          for (Buffer b : blocks) {
            req.write(BlockTransfer.recordHeader(b));
            req.write(b);
          }
          return req.end().compose(v -> req.response());
        })
        .compose(response -> response.statusCode() == 200
            ? response.body().map(BlockTransfer::appended) : refused(response))
        .recover(t -> Future.failedFuture(StreamException.of(t)));
  }

  public Future<Void> close() {
    return client.close();
  }

  private static Future<Buffer> receive(HttpClientResponse response, ExtentPointer pointer) {
    Promise<Buffer> result = Promise.promise();
    ReceivedRecord record = new ReceivedRecord(pointer);
    response.exceptionHandler(result::tryFail);
    response.handler(piece -> {
      try {
        record.add(piece);
      } catch (StreamException e) {
        result.tryFail(e);
        response.request().reset();
      }
    });
    response.endHandler(v -> {
      try {
        result.tryComplete(record.payload());
      } catch (StreamException e) {
        result.tryFail(e);
      }
    });
    return result.future();
  }

  private static <T> Future<T> refused(HttpClientResponse response) {
    StreamErrorCode code = BlockTransfer.code(response.getHeader(BlockTransfer.ERROR_HEADER));
    return DataPlaneClient.refusalText(response, BlockTransfer.ERROR_BODY_BYTES_MAX)
        .compose(text -> Future.failedFuture(new StreamException(code, text)));
  }
}

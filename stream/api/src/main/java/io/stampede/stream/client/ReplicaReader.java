package io.stampede.stream.client;

import io.stampede.common.id.ExtentId;
import io.stampede.stream.api.Block;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.ReadResult;
import io.stampede.stream.api.StreamClient.StreamRecord;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.StreamManagerApi;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads from the replicas of an extent, primary first: a replica that fails, does not answer
 * within the read timeout, or returns a block that does not match the pointer is skipped for the
 * next one. A replica that finds a block failing its checksum is reported to the stream manager,
 * which replaces it.
 */
final class ReplicaReader {
  private static final Logger log = LoggerFactory.getLogger(ReplicaReader.class);

  private final Vertx vertx;
  private final StreamManagerApi manager;
  private final Function<ExtentNodeInfo, ExtentNodeApi> connector;
  private final StreamClientConfig config;

  ReplicaReader(Vertx vertx, StreamManagerApi manager,
      Function<ExtentNodeInfo, ExtentNodeApi> connector, StreamClientConfig config) {
    this.vertx = vertx;
    this.manager = manager;
    this.connector = connector;
    this.config = config;
  }

  /** The block at {@code pointer}, from the first replica that has it intact. */
  Future<Buffer> block(ExtentInfo extent, ExtentPointer pointer) {
    return fromReplicas(extent, 0, node -> node.readBlock(pointer));
  }

  /**
   * The blocks of {@code extent} after offset {@code afterOffset} (a block's offset; -1: every
   * block) up to its length, in order, to {@code handler}.
   */
  Future<Void> replay(ExtentInfo extent, long afterOffset, Handler<StreamRecord> handler) {
    Future<Long> end = extent.sealed()
        ? Future.succeededFuture(extent.sealedLength())
        : fromReplicas(extent, 0, node -> node.length(extent.id()));
    return end.compose(length -> replayRange(extent, Math.max(0, afterOffset), afterOffset, length, handler));
  }

  private Future<Void> replayRange(ExtentInfo extent, long offset, long afterOffset, long end,
      Handler<StreamRecord> handler) {
    if (offset >= end) {
      return Future.succeededFuture();
    }
    return fromReplicas(extent, 0, node -> node.read(extent.id(), offset, config.replayBatchBytes()))
        .compose(result -> {
          for (Block b : result.blocks()) {
            if (b.offset() < end && b.offset() > afterOffset) {
              handler.handle(new StreamRecord(
                  new ExtentPointer(extent.id(), b.offset(), b.data().length()), b.data()));
            }
          }
          if (result.blocks().isEmpty() || result.nextOffset() <= offset) {
            return Future.failedFuture(new StreamException(StreamErrorCode.CORRUPT,
                extent.id() + " ends at " + offset + ", expected " + end));
          }
          return replayRange(extent, result.nextOffset(), afterOffset, end, handler);
        });
  }

  private <T> Future<T> fromReplicas(ExtentInfo extent, int index,
      Function<ExtentNodeApi, Future<T>> call) {
    List<ExtentNodeInfo> replicas = extent.replicas();
    if (replicas.isEmpty()) {
      return Future.failedFuture(new StreamException(StreamErrorCode.UNAVAILABLE,
          extent.id() + " has no replica"));
    }
    ExtentNodeInfo node = replicas.get(index);
    Future<T> attempt;
    try {
      attempt = withDeadline(extent.id(), node, call.apply(connector.apply(node)));
    } catch (RuntimeException e) {
      attempt = Future.failedFuture(e);
    }
    return attempt.recover(t -> {
      if (t instanceof StreamException se && se.code() == StreamErrorCode.CORRUPT) {
        manager.reportCorrupt(extent.id(), node.id()).onFailure(f -> log.warn(
            "{} could not report corrupt replica on {}: {}", extent.id(), node.id(), f.toString()));
      }
      if (index + 1 >= replicas.size()) {
        return Future.failedFuture(t);
      }
      log.warn("{} replica {} failed, trying the next: {}", extent.id(), node.id(), t.toString());
      return fromReplicas(extent, index + 1, call);
    });
  }

  private <T> Future<T> withDeadline(ExtentId extent, ExtentNodeInfo node, Future<T> call) {
    Promise<T> result = Promise.promise();
    long timer = vertx.setTimer(config.readTimeout().toMillis(), t -> result.tryFail(
        new StreamException(StreamErrorCode.UNAVAILABLE, extent + " read on " + node.id()
            + " took over " + config.readTimeout())));
    call.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        result.tryComplete(ar.result());
      } else {
        result.tryFail(ar.cause());
      }
    });
    return result.future();
  }
}

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
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads from the replicas of an extent, primary first: a replica that fails, times out or
 * returns a block that does not match the pointer is skipped for the next one.
 */
final class ReplicaReader {
  private static final Logger log = LoggerFactory.getLogger(ReplicaReader.class);

  private final Function<ExtentNodeInfo, ExtentNodeApi> connector;
  private final StreamClientConfig config;

  ReplicaReader(Function<ExtentNodeInfo, ExtentNodeApi> connector, StreamClientConfig config) {
    this.connector = connector;
    this.config = config;
  }

  /** The block at {@code pointer}, from the first replica that has it intact. */
  Future<Buffer> block(ExtentInfo extent, ExtentPointer pointer) {
    return fromReplicas(extent, 0, node -> node.read(pointer.extent(), pointer.offset(), pointer.length())
        .map(r -> matching(pointer, r)));
  }

  /** Every block of {@code extent} from offset 0 to its length, in order, to {@code handler}. */
  Future<Void> replay(ExtentInfo extent, Handler<StreamRecord> handler) {
    Future<Long> end = extent.sealed()
        ? Future.succeededFuture(extent.sealedLength())
        : fromReplicas(extent, 0, node -> node.length(extent.id()));
    return end.compose(length -> replayRange(extent, 0, length, handler));
  }

  private Future<Void> replayRange(ExtentInfo extent, long offset, long end,
      Handler<StreamRecord> handler) {
    if (offset >= end) {
      return Future.succeededFuture();
    }
    return fromReplicas(extent, 0, node -> node.read(extent.id(), offset, config.replayBatchBytes()))
        .compose(result -> {
          for (Block b : result.blocks()) {
            if (b.offset() < end) {
              handler.handle(new StreamRecord(
                  new ExtentPointer(extent.id(), b.offset(), b.data().length()), b.data()));
            }
          }
          if (result.blocks().isEmpty() || result.nextOffset() <= offset) {
            return Future.failedFuture(new StreamException(StreamErrorCode.CORRUPT,
                extent.id() + " ends at " + offset + ", expected " + end));
          }
          return replayRange(extent, result.nextOffset(), end, handler);
        });
  }

  private <T> Future<T> fromReplicas(ExtentInfo extent, int index,
      Function<ExtentNodeApi, Future<T>> call) {
    List<ExtentNodeInfo> replicas = extent.replicas();
    Future<T> attempt;
    try {
      attempt = call.apply(connector.apply(replicas.get(index)));
    } catch (RuntimeException e) {
      attempt = Future.failedFuture(e);
    }
    if (index + 1 >= replicas.size()) {
      return attempt;
    }
    return attempt.recover(t -> {
      log.warn("{} replica {} failed, trying the next: {}", extent.id(), replicas.get(index).id(),
          t.toString());
      return fromReplicas(extent, index + 1, call);
    });
  }

  private static Buffer matching(ExtentPointer pointer, ReadResult result) {
    ExtentId id = pointer.extent();
    if (result.blocks().isEmpty()) {
      throw new StreamException(StreamErrorCode.NOT_FOUND, id + " has no block at " + pointer.offset());
    }
    Block b = result.blocks().get(0);
    if (b.offset() != pointer.offset() || b.data().length() != pointer.length()) {
      throw new StreamException(StreamErrorCode.CORRUPT, id + " block at " + b.offset() + " of "
          + b.data().length() + " bytes does not match " + pointer);
    }
    return b.data();
  }
}

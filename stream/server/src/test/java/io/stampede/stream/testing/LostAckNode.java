package io.stampede.stream.testing;

import io.stampede.common.id.ExtentId;
import io.stampede.stream.api.AppendResult;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ReadResult;
import io.stampede.stream.api.SealResult;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An extent node whose next {@code lost} appends complete durably on every replica but whose
 * answer is lost on the way back (the writer sees UNAVAILABLE): the duplicate-append case. With
 * {@link #holdAnswersUntil} the lost answer comes only once a test lets it, after {@link #landed}
 * has told the test that the append is on every replica.
 */
public final class LostAckNode implements ExtentNodeApi {
  private final ExtentNodeApi node;
  public final AtomicInteger lost;
  /** Completes when a lost append is on every replica. */
  public final Promise<Void> landed = Promise.promise();
  private volatile Future<Void> release = Future.succeededFuture();

  public LostAckNode(ExtentNodeApi node, int lost) {
    this.node = node;
    this.lost = new AtomicInteger(lost);
  }

  /** Lost answers arrive once {@code release} completes. */
  public LostAckNode holdAnswersUntil(Future<Void> release) {
    this.release = release;
    return this;
  }

  @Override
  public Future<AppendResult> append(ExtentId extent, long epoch, List<Buffer> blocks) {
    return node.append(extent, epoch, blocks).compose(r -> {
      if (lost.getAndDecrement() <= 0) {
        return Future.succeededFuture(r);
      }
      landed.tryComplete();
      return release.compose(v -> Future.failedFuture(new StreamException(StreamErrorCode.UNAVAILABLE, "answer lost")));
    });
  }

  @Override
  public Future<Void> createExtent(ExtentInfo extent, long epoch) {
    return node.createExtent(extent, epoch);
  }

  @Override
  public Future<AppendResult> replicate(ExtentId extent, long epoch, long offset, List<Buffer> blocks) {
    return node.replicate(extent, epoch, offset, blocks);
  }

  @Override
  public Future<ReadResult> read(ExtentId extent, long offset, int maxBytes) {
    return node.read(extent, offset, maxBytes);
  }

  @Override
  public Future<SealResult> seal(ExtentId extent, long epoch, long length) {
    return node.seal(extent, epoch, length);
  }

  @Override
  public Future<Long> length(ExtentId extent) {
    return node.length(extent);
  }

  @Override
  public Future<Void> copyExtent(ExtentInfo extent, long length, ExtentNodeInfo source) {
    return node.copyExtent(extent, length, source);
  }

  @Override
  public Future<Void> deleteExtent(ExtentId extent) {
    return node.deleteExtent(extent);
  }
}

package io.stampede.stream.node;

import io.stampede.common.id.ExtentId;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ReplicaReport;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.StreamManagerApi;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background scrubber of one extent node: re-reads every sealed replica, verifying each
 * block's checksum, at most {@code bytesPerSecond} (it pauses after each chunk for as long as the
 * chunk is worth at that rate), and reports a replica with a bad block to the stream manager,
 * which replaces it. Passes repeat, {@code pause} apart. A chunk is at most
 * {@link #CHUNK_BYTES_MAX} (but always a whole block), so scrubbing holds little memory.
 */
final class Scrubber {
  private static final Logger log = LoggerFactory.getLogger(Scrubber.class);
  /** The most bytes one verify asks for. */
  static final int CHUNK_BYTES_MAX = 1024 * 1024;

  private final Vertx vertx;
  private final ExtentNode node;
  private final StreamManagerApi manager;
  private final Supplier<ExtentNodeInfo> self;
  private final long bytesPerSecond;
  private final Duration pause;
  private volatile boolean stopped;
  private long timer = -1;

  Scrubber(Vertx vertx, ExtentNode node, StreamManagerApi manager, Supplier<ExtentNodeInfo> self,
      long bytesPerSecond, Duration pause) {
    this.vertx = vertx;
    this.node = node;
    this.manager = manager;
    this.self = self;
    this.bytesPerSecond = bytesPerSecond;
    this.pause = pause;
  }

  /** Scrubs pass after pass until {@link #stop()}. */
  void start() {
    timer = vertx.setTimer(pause.toMillis(), t -> pass().onComplete(ar -> {
      if (!stopped) {
        start();
      }
    }));
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  /** One pass over every sealed replica; completes with the replicas found corrupt (reported). */
  Future<List<ExtentId>> pass() {
    List<ExtentId> corrupt = new ArrayList<>();
    return node.sealedReplicas().compose(replicas -> each(replicas, 0, corrupt)).map(v -> corrupt);
  }

  private Future<Void> each(List<ReplicaReport> replicas, int i, List<ExtentId> corrupt) {
    if (i >= replicas.size() || stopped) {
      return Future.succeededFuture();
    }
    ExtentId extent = replicas.get(i).extent();
    return scrub(extent, 0, replicas.get(i).length()).recover(t -> {
      if (t instanceof StreamException se && se.code() == StreamErrorCode.CORRUPT) {
        corrupt.add(extent);
        log.warn("{} scrubber: {} is corrupt, reporting it: {}", node.name(), extent, t.getMessage());
        return manager.reportCorrupt(extent, self.get().id()).recover(f -> {
          log.warn("{} scrubber could not report {}: {}", node.name(), extent, f.toString());
          return Future.succeededFuture();
        });
      }
      log.debug("{} scrubber skips {}: {}", node.name(), extent, t.toString());
      return Future.succeededFuture();
    }).compose(v -> each(replicas, i + 1, corrupt));
  }

  private Future<Void> scrub(ExtentId extent, long offset, long length) {
    if (offset >= length || stopped) {
      return Future.succeededFuture();
    }
    int chunk = (int) Math.min(CHUNK_BYTES_MAX, Math.max(1, bytesPerSecond));
    return node.verify(extent, offset, chunk).compose(r -> {
      long next = r.nextOffset();
      long bytes = next - offset;
      node.metrics().scrubbed(bytes);
      if (r.blocks().isEmpty() || bytes <= 0) {
        return Future.succeededFuture();
      }
      // the chain of futures lives until the replica is done: keep the offset, never the bytes read
      return delay(bytes * 1000 / bytesPerSecond).compose(v -> scrub(extent, next, length));
    });
  }

  private Future<Void> delay(long ms) {
    if (ms <= 0) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    vertx.setTimer(ms, t -> p.complete());
    return p.future();
  }
}

package io.stampede.partition.api.blob;

import io.stampede.common.flow.ByteBudget;
import io.stampede.common.key.ByteRange;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.http.BlockTransferClient;
import io.stampede.stream.api.http.LocalReads;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A front-end's reads of blob blocks straight from the extent nodes, once a partition server has
 * said where they are ({@link BlobBlocks}): each block from its extent's replicas in turn, over
 * the data plane, checked there; all reads together hold at most the budget's bytes. A replica
 * on this host is read from its file ({@link LocalReads}), over the data plane only if that fails.
 * A replica found corrupt is only skipped here: the front-end has no line to the stream manager,
 * and the node's scrubber reports it. {@link #close()} it.
 */
public final class DirectReads {
  /** What all direct reads of one front-end may hold: 32 one-MiB blocks. */
  public static final long BUDGET_BYTES = 32L << 20;
  /** Blocks each read keeps in flight or held ahead of its consumer. */
  public static final int READ_AHEAD_BLOCKS = 4;
  /** The most bytes handed on at once. */
  public static final int CHUNK_BYTES_MAX = 256 * 1024;
  private static final Logger log = LoggerFactory.getLogger(DirectReads.class);

  private final BlockTransferClient blocks;
  private final LocalReads local;
  private final ByteBudget budget;

  private DirectReads(BlockTransferClient blocks, LocalReads local, ByteBudget budget) {
    this.blocks = blocks;
    this.local = local;
    this.budget = budget;
  }

  /**
   * Direct reads whose block reads fail once a node stays quiet for {@code timeout}; replicas on
   * this host are read from their files, counted in {@code registry}.
   */
  public static DirectReads create(Vertx vertx, Duration timeout, MeterRegistry registry) {
    BlockTransferClient blocks = BlockTransferClient.create(vertx, timeout);
    return new DirectReads(blocks, LocalReads.create(vertx, blocks, registry, "frontend"),
        new ByteBudget("direct reads", BUDGET_BYTES));
  }

  /** The bytes {@code span} of an object, from the blocks {@code where} names; runs on {@code context}. */
  public BlobReadStream open(BlobBlocks where, ByteRange.Span span, Context context) {
    return new BlobReadStream(p -> read(where.replicas().get(p.extent()), p, 0), where.blocks(),
        where.firstBlockStart(), span, CHUNK_BYTES_MAX, READ_AHEAD_BLOCKS, budget, context);
  }

  public Future<Void> close() {
    return blocks.close();
  }

  private Future<Buffer> read(List<Endpoint> replicas, ExtentPointer pointer, int index) {
    return local.read(replicas.get(index), pointer).recover(t -> {
      if (index + 1 >= replicas.size()) {
        return Future.failedFuture(t);
      }
      log.warn("DirectReads: {} on {} failed, trying the next replica: {}", pointer, replicas.get(index), t.toString());
      return read(replicas, pointer, index + 1);
    });
  }

}

package io.stampede.partition.range;

import io.stampede.common.id.PartitionId;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission to one range's operations: counts each (the request rate), refuses each with
 * NOT_SERVING once the range is closing or broken, and counts writes in flight so that closing
 * can wait for them, at most {@code drainTimeout}.
 */
final class RangeGate {
  private static final Logger log = LoggerFactory.getLogger(RangeGate.class);

  private final PartitionId id;
  private final RequestRate rate;
  private final BooleanSupplier broken;
  private final Duration drainTimeout;
  private final InFlight inFlight = new InFlight();
  private volatile boolean closing;

  RangeGate(PartitionId id, RequestRate rate, BooleanSupplier broken, Duration drainTimeout) {
    this.id = id;
    this.rate = rate;
    this.broken = broken;
    this.drainTimeout = drainTimeout;
  }

  boolean closing() {
    return closing;
  }

  private Optional<PartitionException> refusal() {
    rate.record();
    if (closing || broken.getAsBoolean()) {
      return Optional.of(new PartitionException(PartitionErrorCode.NOT_SERVING, id + " is "
          + (closing ? "closing" : "broken (reloading)")));
    }
    return Optional.empty();
  }

  <T> Future<T> read(Supplier<Future<T>> op) {
    Optional<PartitionException> refused = refusal();
    return refused.isPresent() ? Future.failedFuture(refused.get()) : op.get();
  }

  /** Runs a write, counted in flight until it completes; {@code body} (if any) is paused when refused. */
  <T> Future<T> write(ReadStream<Buffer> body, Supplier<Future<T>> op) {
    Optional<PartitionException> refused = refusal();
    if (refused.isPresent()) {
      if (body != null) {
        body.pause();
      }
      return Future.failedFuture(refused.get());
    }
    inFlight.begin();
    Future<T> f;
    try {
      f = op.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    return f.onComplete(ar -> inFlight.end());
  }

  /** Refuses everything from now on; completes once no write is in flight or {@code drainTimeout} passed. */
  Future<Void> close() {
    closing = true;
    return inFlight.idle().timeout(Math.max(1, drainTimeout.toMillis()), TimeUnit.MILLISECONDS).recover(t -> {
      log.warn("{} closes with {} write(s) still in flight after {}: they fail", id, inFlight.count(), drainTimeout);
      return Future.succeededFuture();
    });
  }
}

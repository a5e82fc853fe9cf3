package io.stampede.ministamp;

import io.stampede.location.api.LocationApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the stamp's fill to the location service every {@link #INTERVAL}: the bytes of extent
 * replicas on its nodes, as the stream manager counts them, over the nodes' configured capacity.
 * The location service keeps the last report in memory (status and metrics show it; placing new
 * buckets by it comes with several stamps). A tick is skipped while the last report is under way.
 */
final class FillReporter {
  private static final Logger log = LoggerFactory.getLogger(FillReporter.class);
  static final Duration INTERVAL = Duration.ofSeconds(2);

  private final Vertx vertx;
  private final StampConfig config;
  private final StreamLayer streams;
  private final LocationApi location;
  private long timer = -1;
  private boolean failing;
  private boolean inFlight;

  FillReporter(Vertx vertx, StampConfig config, StreamLayer streams, LocationApi location) {
    this.vertx = vertx;
    this.config = config;
    this.streams = streams;
    this.location = location;
  }

  /** The stamp's raw capacity: every extent node's. */
  long capacityBytes() {
    return (long) config.racks() * config.extentNodesPerRack() * config.nodeCapacityBytes();
  }

  /** Reports once now (on the reporter's context). */
  Future<Void> report() {
    return streams.describe()
        .map(s -> s.nodes().stream().mapToLong(StampStatus.ExtentNodeStatus::bytes).sum())
        .compose(used -> location.reportFill(config.stamp(), capacityBytes(), used))
        .onSuccess(v -> {
          if (failing) {
            log.info("{} reports its fill again", config.stamp());
          }
          failing = false;
        })
        .onFailure(t -> {
          if (!failing) {
            log.warn("{} cannot report its fill: {}", config.stamp(), t.toString());
          }
          failing = true;
        });
  }

  void start() {
    timer = vertx.setPeriodic(0, INTERVAL.toMillis(), t -> {
      if (!inFlight) {
        inFlight = true;
        report().onComplete(ar -> inFlight = false);
      }
    });
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}

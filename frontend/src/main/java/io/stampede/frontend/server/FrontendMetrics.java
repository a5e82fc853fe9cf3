package io.stampede.frontend.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The front end's meters: requests by AWS operation and status with latency, and object bytes in
 * and out by operation. Tags: {@code stamp}, {@code node}, {@code operation}, {@code status}.
 */
public final class FrontendMetrics {
  private final MeterRegistry registry;
  private final String stamp;
  private final String node;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public FrontendMetrics(MeterRegistry registry, FrontendConfig config) {
    this.registry = registry;
    this.stamp = config.stampId().value();
    this.node = config.node().value();
  }

  public Timer.Sample start() {
    return Timer.start(registry);
  }

  public void request(Timer.Sample sample, String operation, int status) {
    sample.stop(Timer.builder("stampede.frontend.requests")
        .description("S3 requests by operation and HTTP status")
        .tags("stamp", stamp, "node", node, "operation", operation, "status", Integer.toString(status))
        .register(registry));
  }

  /** A request refused at once because the front end serves its cap of requests already. */
  public void refusedInFlight() {
    Counter.builder("stampede.frontend.refused").description("requests refused 503 SlowDown: too many in flight")
        .tags("stamp", stamp, "node", node, "reason", "in_flight").register(registry).increment();
  }

  public void bytesIn(String operation, long bytes) {
    counter("stampede.frontend.bytes.in", operation).increment(bytes);
  }

  public void bytesOut(String operation, long bytes) {
    counter("stampede.frontend.bytes.out", operation).increment(bytes);
  }

  private Counter counter(String name, String operation) {
    return counters.computeIfAbsent(name + '\n' + operation, k -> Counter.builder(name).baseUnit("bytes")
        .tags("stamp", stamp, "node", node, "operation", operation)
        .register(registry));
  }
}

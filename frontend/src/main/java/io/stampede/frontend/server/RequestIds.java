package io.stampede.frontend.server;

import io.stampede.common.id.FrontendNodeId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids: 16 upper-case hex digits, the start second of this server and a sequence number,
 * unique per server run; {@code x-amz-id-2} adds the node.
 */
final class RequestIds {
  private final long startSeconds;
  private final AtomicLong seq = new AtomicLong();
  private final String node;

  RequestIds(Clock clock, FrontendNodeId node) {
    this.startSeconds = clock.millis() / 1000;
    this.node = node.value();
  }

  String next() {
    return String.format("%08X%08X", startSeconds & 0xFFFFFFFFL, seq.incrementAndGet() & 0xFFFFFFFFL);
  }

  String hostId(String requestId) {
    return Base64.getEncoder().encodeToString((node + "/" + requestId).getBytes(StandardCharsets.UTF_8));
  }
}

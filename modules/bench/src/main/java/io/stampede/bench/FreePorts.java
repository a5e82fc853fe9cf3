package io.stampede.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A free loopback port for a single-port server the bench starts (s3proxy); a stamp's base port
 * comes from {@code PortPlan.findFree}, which checks every address of its plan.
 */
final class FreePorts {
  private FreePorts() {}

  /** Any free port on 127.0.0.1. */
  static int any() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new BenchException("no free port on 127.0.0.1", e);
    }
  }
}

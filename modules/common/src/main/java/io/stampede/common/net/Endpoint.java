package io.stampede.common.net;

import java.util.Objects;

/** A loopback host and port that one role of the stamp listens on. */
public record Endpoint(String host, int port) {
  public Endpoint {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("bad port " + port);
    }
  }

  public static Endpoint of(String host, int port) {
    return new Endpoint(host, port);
  }

  /** Parses {@code host:port}. */
  public static Endpoint parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("expected host:port, got '" + hostPort + "'");
    }
    return new Endpoint(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}

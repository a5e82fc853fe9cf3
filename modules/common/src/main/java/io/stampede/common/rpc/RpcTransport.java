package io.stampede.common.rpc;

import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;

/**
 * The HTTP/2 settings of every gRPC connection between roles. HTTP/2's defaults (a 64 KiB window
 * per stream and per connection, 16 KiB frames) cap one stream at a window per round trip, which
 * on loopback is far below what a disk or a memory copy moves; object bytes (GetObject bodies,
 * appends, extent reads) need windows of a few blocks. A receiver that pauses a stream stops
 * granting window, so the windows also bound what a paused stream (and all streams of one
 * connection together) can leave buffered at the receiver.
 */
public final class RpcTransport {
  /** What one stream may have in flight unacknowledged: a few one-MiB blocks. */
  public static final int STREAM_WINDOW_BYTES = 2 << 20;
  /** What all streams of one connection together may have in flight. */
  public static final int CONNECTION_WINDOW_BYTES = 8 << 20;
  /** The largest HTTP/2 frame: a 256 KiB message chunk in one or two frames instead of sixteen. */
  public static final int FRAME_BYTES_MAX = 256 * 1024;

  private RpcTransport() {}

  /** The settings each side announces. */
  public static Http2Settings settings() {
    return new Http2Settings().setInitialWindowSize(STREAM_WINDOW_BYTES).setMaxFrameSize(FRAME_BYTES_MAX);
  }

  /** Options of an HTTP server that serves gRPC. */
  public static HttpServerOptions serverOptions() {
    return new HttpServerOptions().setInitialSettings(settings())
        .setHttp2ConnectionWindowSize(CONNECTION_WINDOW_BYTES);
  }

  /** Options of the HTTP client under a gRPC client. */
  public static HttpClientOptions clientOptions() {
    return new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)
        .setInitialSettings(settings()).setHttp2ConnectionWindowSize(CONNECTION_WINDOW_BYTES);
  }
}

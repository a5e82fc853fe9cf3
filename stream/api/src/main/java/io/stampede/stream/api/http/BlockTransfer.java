package io.stampede.stream.api.http;

import io.stampede.common.id.ExtentId;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The block read protocol. {@code GET /blocks/<extent id>?offset=<block offset>&length=<payload
 * bytes>} answers 200 with the block's stored record: u32 payload length, u32 CRC32C of the
 * payload, the payload (all big-endian, as in an extent file), {@code length + 8} bytes in all.
 * A failure answers a status from {@link #status} with the stream error code in
 * {@link #ERROR_HEADER} and a short text body.
 */
public final class BlockTransfer {
  /** The path prefix of block reads; no gRPC method path starts with it. */
  public static final String PATH = "/blocks/";
  /** The header carrying the {@link StreamErrorCode} name of a failed read. */
  public static final String ERROR_HEADER = "x-stampede-stream-error";
  /** The most bytes of an error body a reader takes in. */
  public static final int ERROR_BODY_BYTES_MAX = 4096;

  private BlockTransfer() {}

  /** The request URI reading the block at {@code pointer}. */
  public static String uri(ExtentPointer pointer) {
    return PATH + URLEncoder.encode(pointer.extent().value(), StandardCharsets.UTF_8)
        + "?offset=" + pointer.offset() + "&length=" + pointer.length();
  }

  /** Whether {@code path} is a block read's. */
  public static boolean isBlockRead(String path) {
    return path != null && path.startsWith(PATH);
  }

  /**
   * The pointer a request asks for, from its path and its {@code offset} and {@code length}
   * parameters. Throws IllegalArgumentException on anything malformed.
   */
  public static ExtentPointer pointer(String path, String offset, String length) {
    if (!isBlockRead(path) || offset == null || length == null) {
      throw new IllegalArgumentException("not a block read: " + path);
    }
    String id = URLDecoder.decode(path.substring(PATH.length()), StandardCharsets.UTF_8);
    long at = Long.parseLong(offset);
    int bytes = Integer.parseInt(length);
    if (at < 0 || bytes < 0) {
      throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
    }
    return new ExtentPointer(ExtentId.of(id), at, bytes);
  }

  /** The HTTP status a failed read answers with. */
  public static int status(StreamErrorCode code) {
    return switch (code) {
      case NOT_FOUND -> 404;
      case OFFSET_MISMATCH -> 416;
      case UNAVAILABLE -> 503;
      default -> 500;
    };
  }

  /** The error code a failed read's answer names; INTERNAL when it names none known. */
  public static StreamErrorCode code(String header) {
    if (header != null) {
      for (StreamErrorCode c : StreamErrorCode.values()) {
        if (c.name().equals(header)) {
          return c;
        }
      }
    }
    return StreamErrorCode.INTERNAL;
  }
}

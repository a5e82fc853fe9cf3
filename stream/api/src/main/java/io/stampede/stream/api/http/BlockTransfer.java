package io.stampede.stream.api.http;

import io.stampede.common.id.ExtentId;
import io.stampede.common.rpc.RpcBytes;
import io.stampede.stream.api.AppendResult;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.buffer.Buffer;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The block read protocol. {@code GET /blocks/<extent id>?offset=<block offset>&length=<payload
 * bytes>} answers 200 with the block's stored record: u32 payload length, u32 CRC32C of the
 * payload, the payload (all big-endian, as in an extent file), {@code length + 8} bytes in all.
 *
 * <p>{@code POST /blocks/<extent id>?epoch=<owner epoch>} appends blocks to the extent at its
 * primary, {@code POST /blocks/<extent id>?epoch=<e>&offset=<o>} writes them at offset o of a
 * secondary (the primary forwarding them); the body is the blocks as stored records, one after
 * the other, and the answer 200 carries the extent's length after the write and each block's
 * offset, u64 each ({@link #appended(AppendResult)}).
 *
 * <p>{@code GET /local} answers 200 with where the node keeps its replica files, for a reader on
 * the same host ({@link LocalReads}): the token the node wrote into its directory at start
 * ({@link LocalReads#TOKEN_FILE}), a newline, the directory's absolute path ({@link LocalDir}).
 *
 * <p>A failure answers a status from {@link #status} with the stream error code in
 * {@link #ERROR_HEADER} and a short text body.
 */
public final class BlockTransfer {
  /** The path prefix of block reads; no gRPC method path starts with it. */
  public static final String PATH = "/blocks/";
  /** The path of the question where a node keeps its replica files. */
  public static final String LOCAL_PATH = "/local";
  /** The most bytes an answer to {@link #LOCAL_PATH} takes. */
  public static final int LOCAL_ANSWER_BYTES_MAX = 4096;
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

  /** The request URI appending at the primary ({@code offset} < 0) or writing at {@code offset}. */
  public static String writeUri(ExtentId extent, long epoch, long offset) {
    return PATH + URLEncoder.encode(extent.value(), StandardCharsets.UTF_8) + "?epoch=" + epoch
        + (offset < 0 ? "" : "&offset=" + offset);
  }

  /** The extent a request names in its path; throws IllegalArgumentException on a malformed one. */
  public static ExtentId extent(String path) {
    if (!isBlockPath(path)) {
      throw new IllegalArgumentException("not a block path: " + path);
    }
    return ExtentId.of(URLDecoder.decode(path.substring(PATH.length()), StandardCharsets.UTF_8));
  }

  /** A non-negative number parameter; throws IllegalArgumentException if missing or malformed. */
  public static long number(String name, String value) {
    if (value == null) {
      throw new IllegalArgumentException("no " + name);
    }
    long n = Long.parseLong(value);
    if (n < 0) {
      throw new IllegalArgumentException("negative " + name + ": " + value);
    }
    return n;
  }

  /** The CRC32C of a block's payload, read piece by piece where it lies (never merged into one copy). */
  public static int checksum(Buffer block) {
    CRC32C crc = new CRC32C();
    for (ByteBuffer piece : RpcBytes.nioPieces(block)) {
      crc.update(piece);
    }
    return (int) crc.getValue();
  }

  /** The header of a block's stored record: its payload length and {@link #checksum}. */
  public static Buffer recordHeader(Buffer block) {
    return Buffer.buffer(ExtentNodeApi.BLOCK_OVERHEAD_BYTES).appendInt(block.length()).appendInt(checksum(block));
  }

  /** The body answering a write: the extent's length, then each block's offset, u64 each. */
  public static Buffer appended(AppendResult result) {
    Buffer b = Buffer.buffer(8 * (1 + result.offsets().size())).appendLong(result.extentLength());
    result.offsets().forEach(b::appendLong);
    return b;
  }

  /** The result a write's answer carries; throws StreamException INTERNAL on a malformed one. */
  public static AppendResult appended(Buffer body) {
    if (body.length() < 8 || body.length() % 8 != 0) {
      throw new StreamException(StreamErrorCode.INTERNAL, "bad write answer of " + body.length() + " bytes");
    }
    List<Long> offsets = new ArrayList<>();
    for (int at = 8; at < body.length(); at += 8) {
      offsets.add(body.getLong(at));
    }
    return new AppendResult(offsets, body.getLong(0));
  }

  /** Where a node keeps its replica files: the directory and the token it holds. */
  public record LocalDir(String token, Path dir) {
    public LocalDir {
      if (!dir.isAbsolute()) {
        throw new StreamException(StreamErrorCode.INTERNAL, "not an absolute path: " + dir);
      }
      dir = dir.normalize();
    }

    /** The answer to {@code GET /local}. */
    public Buffer answer() {
      return Buffer.buffer(token + "\n" + dir);
    }

    /** The answer's content; throws StreamException INTERNAL on a malformed one. */
    public static LocalDir of(Buffer answer) {
      String text = answer.toString(StandardCharsets.UTF_8);
      int cut = text.indexOf('\n');
      try {
        if (cut > 0 && answer.length() <= LOCAL_ANSWER_BYTES_MAX) {
          return new LocalDir(text.substring(0, cut), Path.of(text.substring(cut + 1)));
        }
      } catch (InvalidPathException e) {
        // fall through
      }
      throw new StreamException(StreamErrorCode.INTERNAL, "bad local answer of " + answer.length() + " bytes");
    }
  }

  /** Whether {@code path} is a block read's or write's. */
  public static boolean isBlockPath(String path) {
    return path != null && path.startsWith(PATH);
  }

  /**
   * The pointer a request asks for, from its path and its {@code offset} and {@code length}
   * parameters. Throws IllegalArgumentException on anything malformed.
   */
  public static ExtentPointer pointer(String path, String offset, String length) {
    long bytes = number("length", length);
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("length over 2 GiB: " + length);
    }
    return new ExtentPointer(extent(path), number("offset", offset), (int) bytes);
  }

  /** The HTTP status a failed read answers with. */
  public static int status(StreamErrorCode code) {
    return switch (code) {
      case NOT_FOUND -> 404;
      case OFFSET_MISMATCH -> 416;
      case FENCED, SEALED -> 409;
      case TOO_LARGE -> 413;
      case CORRUPT -> 400;
      case UNAVAILABLE -> 503;
      default -> 500;
    };
  }

  /** The error code a failed answer names in its {@link #ERROR_HEADER}; INTERNAL when it names none known. */
  public static StreamErrorCode code(String header) {
    return StreamErrorCode.named(header).orElse(StreamErrorCode.INTERNAL);
  }
}

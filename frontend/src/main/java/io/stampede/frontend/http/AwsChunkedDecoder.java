package io.stampede.frontend.http;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.frontend.auth.ChunkSigner;
import io.stampede.frontend.error.S3Error;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes an {@code aws-chunked} body into the object bytes, never passing framing on. Framing:
 * {@code <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n} repeated, a zero-size chunk, then
 * optional trailer lines {@code name:value\r\n} and an empty line. With a {@link ChunkSigner}
 * every chunk signature is verified against the chain (and {@code x-amz-trailer-signature} when
 * trailers come); a declared trailer checksum is computed over the data and compared. Any
 * failure fails the stream instead of ending it, so nothing is stored. Lines and chunk sizes are
 * bounded; data is passed on as it arrives, never buffered per chunk.
 */
public final class AwsChunkedDecoder extends BodyTransformer {
  static final int MAX_LINE = 4096;
  static final long MAX_CHUNK = 64L << 20;
  private static final int MAX_TRAILERS = 16;
  private static final String SIG_EXT = "chunk-signature=";
  private static final String TRAILER_SIG = "x-amz-trailer-signature";

  private enum State { SIZE_LINE, DATA, DATA_CR, DATA_LF, TRAILER_LINE, DONE }

  private final Optional<ChunkSigner> signer;
  private final Optional<ChecksumAlgorithm> trailerChecksum;
  private final ChecksumAlgorithm.Digest checksumDigest;
  private final long decodedLength;
  private final StringBuilder line = new StringBuilder();
  private final Map<String, String> trailers = new LinkedHashMap<>();
  private State state = State.SIZE_LINE;
  private long remaining;
  private long decoded;
  private String chunkSignature;
  private MessageDigest chunkDigest;
  private boolean sawCr;

  /**
   * @param signer verifies chunk and trailer signatures (signed modes), or empty (unsigned)
   * @param trailerChecksum the checksum announced in {@code x-amz-trailer}, if any; its trailer
   *     line is then required and verified
   * @param decodedLength {@code x-amz-decoded-content-length}
   */
  public AwsChunkedDecoder(
      ReadStream<Buffer> source, Optional<ChunkSigner> signer,
      Optional<ChecksumAlgorithm> trailerChecksum, long decodedLength) {
    super(source);
    this.signer = signer;
    this.trailerChecksum = trailerChecksum;
    this.checksumDigest = trailerChecksum.map(ChecksumAlgorithm::newDigest).orElse(null);
    this.decodedLength = decodedLength;
  }

  @Override
  protected void onData(Buffer buffer) {
    byte[] bytes = buffer.getBytes();
    int pos = 0;
    while (pos < bytes.length && !isDone()) {
      pos = switch (state) {
        case SIZE_LINE, TRAILER_LINE -> readLine(bytes, pos);
        case DATA -> readData(buffer, bytes, pos);
        case DATA_CR -> expect(bytes[pos], '\r', State.DATA_LF, pos);
        case DATA_LF -> endOfChunk(bytes[pos], pos);
        case DONE -> malformed("data after the end of the aws-chunked body", bytes.length);
      };
    }
  }

  @Override
  protected void onSourceEnd() {
    if (state != State.DONE) {
      fail(S3Error.INCOMPLETE_BODY.exception("aws-chunked body ended early"));
    }
  }

  private int readLine(byte[] bytes, int pos) {
    for (int i = pos; i < bytes.length; i++) {
      char c = (char) (bytes[i] & 0xff);
      if (sawCr) {
        if (c != '\n') {
          return malformed("bare CR in aws-chunked framing", bytes.length);
        }
        sawCr = false;
        String l = line.toString();
        line.setLength(0);
        if (state == State.SIZE_LINE) {
          sizeLine(l);
        } else {
          trailerLine(l);
        }
        return i + 1;
      }
      if (c == '\r') {
        sawCr = true;
      } else if (line.length() >= MAX_LINE) {
        return malformed("aws-chunked line too long", bytes.length);
      } else {
        line.append(c);
      }
    }
    return bytes.length;
  }

  private void sizeLine(String l) {
    int semi = l.indexOf(';');
    String hex = (semi < 0 ? l : l.substring(0, semi)).trim();
    chunkSignature = null;
    if (semi >= 0) {
      String ext = l.substring(semi + 1).trim();
      if (!ext.startsWith(SIG_EXT)) {
        malformed("unknown chunk extension", 0);
        return;
      }
      chunkSignature = ext.substring(SIG_EXT.length());
    }
    long size;
    try {
      size = hex.isEmpty() || hex.length() > 16 ? -1 : Long.parseLong(hex, 16);
    } catch (NumberFormatException e) {
      size = -1;
    }
    if (size < 0 || size > MAX_CHUNK) {
      malformed("bad aws-chunked chunk size '" + truncate(hex) + "'", 0);
      return;
    }
    if (signer.isPresent() && chunkSignature == null) {
      fail(S3Error.SIGNATURE_DOES_NOT_MATCH.exception("chunk without chunk-signature"));
      return;
    }
    chunkDigest = signer.isPresent() ? ChecksumAlgorithm.messageDigest("SHA-256") : null;
    if (size == 0) {
      verifyChunk();
      state = State.TRAILER_LINE;
    } else {
      remaining = size;
      state = State.DATA;
    }
  }

  private int readData(Buffer buffer, byte[] bytes, int pos) {
    int n = (int) Math.min(remaining, bytes.length - pos);
    decoded += n;
    if (decoded > decodedLength) {
      fail(S3Error.INCOMPLETE_BODY.exception("more bytes than x-amz-decoded-content-length"));
      return bytes.length;
    }
    if (chunkDigest != null) {
      chunkDigest.update(bytes, pos, n);
    }
    if (checksumDigest != null) {
      checksumDigest.update(bytes, pos, n);
    }
    emit(buffer.slice(pos, pos + n));
    remaining -= n;
    if (remaining == 0) {
      state = State.DATA_CR;
    }
    return pos + n;
  }

  private int expect(byte b, char c, State next, int pos) {
    if (b != c) {
      return malformed("missing CRLF after chunk data", Integer.MAX_VALUE);
    }
    state = next;
    return pos + 1;
  }

  private int endOfChunk(byte b, int pos) {
    int next = expect(b, '\n', State.SIZE_LINE, pos);
    if (!isDone()) {
      verifyChunk();
    }
    return next;
  }

  private void verifyChunk() {
    if (signer.isEmpty()) {
      return;
    }
    String expected = signer.get().nextChunk(chunkDigest.digest());
    if (!ChunkSigner.sameSignature(expected, chunkSignature)) {
      fail(S3Error.SIGNATURE_DOES_NOT_MATCH.exception("chunk signature does not match"));
    }
  }

  private void trailerLine(String l) {
    if (!l.isEmpty()) {
      int colon = l.indexOf(':');
      if (colon <= 0 || trailers.size() >= MAX_TRAILERS) {
        malformed("bad aws-chunked trailer line", 0);
        return;
      }
      trailers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
      return;
    }
    state = State.DONE;
    verifyTrailers();
  }

  private void verifyTrailers() {
    if (decoded != decodedLength) {
      fail(S3Error.INCOMPLETE_BODY.exception("decoded " + decoded + " bytes, declared " + decodedLength));
      return;
    }
    if (signer.isPresent() && !trailers.isEmpty()) {
      StringBuilder canonical = new StringBuilder();
      trailers.forEach((k, v) -> {
        if (!k.equals(TRAILER_SIG)) {
          canonical.append(k).append(':').append(v).append('\n');
        }
      });
      byte[] hash = ChecksumAlgorithm.messageDigest("SHA-256")
          .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      String expected = signer.get().trailer(hash);
      if (!ChunkSigner.sameSignature(expected, trailers.get(TRAILER_SIG))) {
        fail(S3Error.SIGNATURE_DOES_NOT_MATCH.exception("trailer signature does not match"));
        return;
      }
    }
    if (trailerChecksum.isPresent()) {
      String given = trailers.get(trailerChecksum.get().header());
      if (given == null) {
        fail(S3Error.INVALID_REQUEST.exception("missing trailer " + trailerChecksum.get().header()));
      } else if (!given.equals(Base64.getEncoder().encodeToString(checksumDigest.value()))) {
        fail(S3Error.BAD_DIGEST.exception(trailerChecksum.get().header() + " does not match the data"));
      }
    }
  }

  private int malformed(String why, int consumed) {
    fail(S3Error.INVALID_REQUEST.exception("malformed aws-chunked body: " + why));
    return Math.max(consumed, 0);
  }

  private static String truncate(String s) {
    return s.length() > 20 ? s.substring(0, 20) + "..." : s;
  }
}

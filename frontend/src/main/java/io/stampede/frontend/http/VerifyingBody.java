package io.stampede.frontend.http;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.rpc.RpcBytes;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The last stage before the partition layer: counts the object bytes against the declared
 * length and checks the digests the client sent in headers (hex {@code x-amz-content-sha256},
 * {@code Content-MD5}, {@code x-amz-checksum-*}). On any mismatch the stream fails instead of
 * ending, so the partition layer stores nothing.
 */
public final class VerifyingBody extends BodyTransformer {
  private final long expectedLength;
  private final List<Check> checks = new ArrayList<>();
  private final LongConsumer bytesObserver;
  private long count;

  private record Check(ChecksumAlgorithm.Digest digest, byte[] expected, S3Error error, String what) {}

  public VerifyingBody(ReadStream<Buffer> source, long expectedLength, LongConsumer bytesObserver) {
    super(source);
    this.expectedLength = expectedLength;
    this.bytesObserver = bytesObserver;
  }

  /** Requires the digest of the bytes to equal {@code expected}, else fails with {@code error}. */
  public VerifyingBody require(ChecksumAlgorithm.Digest digest, byte[] expected, S3Error error, String what) {
    checks.add(new Check(digest, expected, error, what));
    return this;
  }

  /** An MD5 digest, for Content-MD5. */
  public static ChecksumAlgorithm.Digest md5() {
    return ChecksumAlgorithm.jdkDigest("MD5");
  }

  @Override
  protected void onData(Buffer buffer) {
    count += buffer.length();
    bytesObserver.accept(buffer.length());
    if (count > expectedLength) {
      fail(S3Error.INCOMPLETE_BODY.exception("more bytes than declared"));
      return;
    }
    if (!checks.isEmpty()) {
      // digest the bytes where they lie: no copy of each chunk onto the heap
      ByteBuffer bytes = RpcBytes.nio(buffer);
      for (Check c : checks) {
        c.digest().update(bytes.duplicate());
      }
    }
    emit(buffer);
  }

  @Override
  protected void onSourceEnd() {
    if (count != expectedLength) {
      fail(S3Error.INCOMPLETE_BODY.exception("received " + count + " of " + expectedLength + " bytes"));
      return;
    }
    for (Check c : checks) {
      if (!MessageDigest.isEqual(c.digest().value(), c.expected())) {
        fail(new S3Exception(c.error(), c.what() + " does not match the data received"));
        return;
      }
    }
  }
}

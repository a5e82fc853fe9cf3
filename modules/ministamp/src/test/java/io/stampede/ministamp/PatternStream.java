package io.stampede.ministamp;

import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Object {@code seed}'s bytes for tests of big objects: a pattern of the position and the seed
 * (no two seeds alike), generated while read and never held whole. Each new stream (the SDK may
 * read a body more than once) resets {@code digest}, which ends up holding the MD5 of the last
 * full read.
 */
final class PatternStream extends InputStream {
  private final long seed;
  private final long size;
  private final MessageDigest digest;
  private long pos;

  PatternStream(long seed, long size, MessageDigest digest) {
    this.seed = seed * 0x9E3779B97F4A7C15L;
    this.size = size;
    this.digest = digest;
    digest.reset();
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (pos >= size) {
      return -1;
    }
    int n = (int) Math.min(len, size - pos);
    for (int i = 0; i < n; i++) {
      b[off + i] = (byte) (((pos + i) ^ seed) * 2654435761L >>> 13);
    }
    digest.update(b, off, n);
    pos += n;
    return n;
  }
}

package io.stampede.common.file;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reads that fill a buffer from a file position, whatever each call of the channel returns. */
public final class FileReads {
  /**
   * The most bytes one call on the channel moves: the JDK copies a heap buffer through a temporary
   * direct buffer as large as one call, and caches it in each thread for good, so a whole 4 MiB
   * read would pin 4 MiB of native memory per thread.
   */
  public static final int WINDOW_BYTES = 256 * 1024;

  private FileReads() {}

  /**
   * Fills {@code dst} (from its position to its limit) from {@code channel} at {@code position},
   * in windows of at most {@link #WINDOW_BYTES}; throws EOFException if the file ends first.
   */
  public static void readFully(FileChannel channel, ByteBuffer dst, long position) throws IOException {
    long p = position;
    int end = dst.limit();
    try {
      while (dst.position() < end) {
        dst.limit(Math.min(end, dst.position() + WINDOW_BYTES));
        int n = channel.read(dst, p);
        if (n < 0) {
          throw new EOFException("the file ends at position " + p);
        }
        p += n;
      }
    } finally {
      dst.limit(end);
    }
  }
}

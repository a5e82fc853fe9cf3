package io.stampede.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this machine can do at best, measured in the same run as the workloads so the figures
 * can be read against them: sequential writes of 1 MiB each forced to disk (as an extent node
 * writes: {@code FileChannel.force(false)}, fdatasync, after every append), a TCP copy over
 * loopback in 256 KiB writes, and MD5 on one core (S3 ETags).
 *
 * @param fsyncWriteMibPerSecond 1 MiB writes each followed by fdatasync, on the work directory's file system
 * @param loopbackCopyMibPerSecond one TCP connection on 127.0.0.1, 256 KiB writes
 * @param md5MibPerSecond MessageDigest MD5 over 1 MiB buffers, one thread
 */
record MachineCeilings(int cores, double fsyncWriteMibPerSecond, double loopbackCopyMibPerSecond,
    double md5MibPerSecond) {
  private static final int WRITE_CHUNK = 1 << 20;
  private static final int COPY_CHUNK = 256 << 10;

  /** Measures all three, sized by {@code scale} (256 MiB written, 1 GiB copied, 512 MiB hashed at scale 1). */
  static MachineCeilings measure(Path dir, double scale) {
    return new MachineCeilings(Runtime.getRuntime().availableProcessors(),
        fsyncWrite(dir, bytes(256, scale, 16)), loopbackCopy(bytes(1024, scale, 64)), md5(bytes(512, scale, 32)));
  }

  private static long bytes(long mib, double scale, long floorMib) {
    return Math.max(floorMib, Math.round(mib * scale)) << 20;
  }

  static double fsyncWrite(Path dir, long total) {
    Path file = dir.resolve("ceiling-fsync.tmp");
    ByteBuffer chunk = ByteBuffer.allocateDirect(WRITE_CHUNK);
    byte[] random = new byte[WRITE_CHUNK];
    new Random(1).nextBytes(random);
    chunk.put(random).flip();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long start = System.nanoTime();
      for (long written = 0; written < total; written += WRITE_CHUNK) {
        chunk.rewind();
        while (chunk.hasRemaining()) {
          ch.write(chunk);
        }
        ch.force(false);
      }
      return Unit.MIB.rate(total, System.nanoTime() - start);
    } catch (IOException e) {
      throw new UncheckedIOException("fsync'd write ceiling in " + dir, e);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // the work directory is removed anyway
      }
    }
  }

  static double loopbackCopy(long total) {
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      AtomicLong received = new AtomicLong();
      Thread reader = new Thread(() -> {
        byte[] buffer = new byte[COPY_CHUNK];
        try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
          for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            received.addAndGet(n);
          }
        } catch (IOException e) {
          received.set(-1);
        }
      }, "bench-loopback-reader");
      reader.start();
      byte[] chunk = new byte[COPY_CHUNK];
      new Random(2).nextBytes(chunk);
      long start = System.nanoTime();
      try (Socket client = new Socket("127.0.0.1", server.getLocalPort()); OutputStream out = client.getOutputStream()) {
        for (long sent = 0; sent < total; sent += COPY_CHUNK) {
          out.write(chunk);
        }
      }
      reader.join();
      long nanos = System.nanoTime() - start;
      if (received.get() < total) {
        throw new BenchException("loopback copy received " + received.get() + " of " + total + " bytes");
      }
      return Unit.MIB.rate(total, nanos);
    } catch (IOException e) {
      throw new UncheckedIOException("loopback copy ceiling", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
  }

  static double md5(long total) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] chunk = new byte[WRITE_CHUNK];
      new Random(3).nextBytes(chunk);
      long start = System.nanoTime();
      for (long done = 0; done < total; done += chunk.length) {
        md5.update(chunk);
      }
      md5.digest();
      return Unit.MIB.rate(total, System.nanoTime() - start);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

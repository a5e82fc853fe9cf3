package io.stampede.common.journal;

import io.stampede.common.file.FileReads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only, fsynced journal of small metadata records: what a role that is not yet on
 * Raft uses to survive a restart. Blocking: call it from a worker thread, never an event loop.
 *
 * <p>On-disk format, version 1 (all integers big-endian):
 * <pre>
 *   header:  magic "SJNL" (4 bytes) | version u16 = 1 | reserved u16 = 0
 *   record:  payload length u32 | CRC32C of payload u32 | payload bytes
 * </pre>
 * A record is acknowledged only after {@link FileChannel#force} returns. On open, a torn tail
 * (a short record or a CRC mismatch in the last record) is truncated away and logged; a bad
 * record followed by good ones is corruption and fails the open.
 */
public final class Journal implements AutoCloseable {
  static final byte[] MAGIC = "SJNL".getBytes(StandardCharsets.US_ASCII);
  static final short VERSION = 1;
  static final int HEADER_BYTES = 8;
  static final int RECORD_HEADER_BYTES = 8;
  /** Records are small metadata commands; anything larger is a bug or corruption. */
  public static final int RECORD_BYTES_MAX = 1 << 20;

  private static final Logger log = LoggerFactory.getLogger(Journal.class);

  private final String owner;
  private final Path file;
  private final FileChannel channel;

  private Journal(String owner, Path file, FileChannel channel) {
    this.owner = owner;
    this.file = file;
    this.channel = channel;
  }

  /**
   * Opens (creating if absent) the journal at {@code file}, calling {@code replay} with every
   * record's payload in order. {@code owner} prefixes log lines.
   */
  public static Journal open(String owner, Path file, Consumer<byte[]> replay) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    boolean created = !Files.exists(file);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      if (ch.size() < HEADER_BYTES) {
        writeHeader(ch);
      } else {
        checkHeader(ch, file);
        long end = replayRecords(owner, ch, file, replay);
        if (end < ch.size()) {
          log.warn("{} journal {} has a torn tail: truncating {} bytes at {}", owner, file,
              ch.size() - end, end);
          ch.truncate(end);
          ch.force(true);
        }
      }
      ch.position(ch.size());
      if (created) {
        fsyncDirectory(dir);
      }
      return new Journal(owner, file, ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Appends one record and fsyncs it. */
  public synchronized void append(byte[] payload) throws IOException {
    if (payload.length > RECORD_BYTES_MAX) {
      throw new IllegalArgumentException(owner + " journal record of " + payload.length + " bytes");
    }
    CRC32C crc = new CRC32C();
    crc.update(payload);
    ByteBuffer buf = ByteBuffer.allocate(RECORD_HEADER_BYTES + payload.length).order(ByteOrder.BIG_ENDIAN);
    buf.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
    long start = channel.position();
    try {
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.force(false);
    } catch (IOException e) {
      // Never leave half a record in front of the next one: that would read as corruption.
      channel.truncate(start);
      channel.position(start);
      throw e;
    }
  }

  /** Makes a new file's directory entry durable (Linux: fsync on the directory). */
  private static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }

  private static void writeHeader(FileChannel ch) throws IOException {
    ch.truncate(0);
    ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
    h.put(MAGIC).putShort(VERSION).putShort((short) 0).flip();
    ch.write(h, 0);
    ch.force(true);
  }

  private static void checkHeader(FileChannel ch, Path file) throws IOException {
    ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
    FileReads.readFully(ch, h, 0);
    h.flip();
    byte[] magic = new byte[4];
    h.get(magic);
    short version = h.getShort();
    if (!java.util.Arrays.equals(magic, MAGIC) || version != VERSION) {
      throw new IOException("not a version-" + VERSION + " journal: " + file);
    }
  }

  /** Returns the offset after the last good record. */
  private static long replayRecords(String owner, FileChannel ch, Path file, Consumer<byte[]> replay)
      throws IOException {
    long pos = HEADER_BYTES;
    long size = ch.size();
    ByteBuffer rh = ByteBuffer.allocate(RECORD_HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
    while (pos + RECORD_HEADER_BYTES <= size) {
      rh.clear();
      FileReads.readFully(ch, rh, pos);
      rh.flip();
      int len = rh.getInt();
      int crc = rh.getInt();
      long next = pos + RECORD_HEADER_BYTES + len;
      if (len < 0 || len > RECORD_BYTES_MAX || next > size) {
        return tornOrCorrupt(owner, file, pos, next, size);
      }
      ByteBuffer payload = ByteBuffer.allocate(len);
      FileReads.readFully(ch, payload, pos + RECORD_HEADER_BYTES);
      CRC32C c = new CRC32C();
      c.update(payload.array());
      if ((int) c.getValue() != crc) {
        return tornOrCorrupt(owner, file, pos, next, size);
      }
      replay.accept(payload.array());
      pos = next;
    }
    return pos;
  }

  private static long tornOrCorrupt(String owner, Path file, long pos, long next, long size)
      throws IOException {
    // Only the last record may be torn; a bad record with data after it is corruption.
    if (next >= size || next < 0) {
      return pos;
    }
    throw new IOException(owner + " journal " + file + " is corrupt at offset " + pos);
  }

}

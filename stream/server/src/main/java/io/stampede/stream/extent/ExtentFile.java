package io.stampede.stream.extent;

import io.stampede.common.file.FileReads;
import io.stampede.common.id.ExtentId;
import io.stampede.common.rpc.RpcBytes;
import io.stampede.stream.api.Block;
import io.stampede.stream.api.ExtentFileHeader;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ReadResult;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.http.BlockTransfer;
import io.vertx.core.buffer.Buffer;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica of an extent on disk: {@code <dir>/<extentId>.ext}, append-only. All integers
 * big-endian.
 *
 * <pre>
 * header, format version 1: see {@link ExtentFileHeader} (H bytes)
 * then records, back to back:
 *   u32 payload length L, u32 CRC32C of the payload, L bytes payload (one block)
 * </pre>
 *
 * Offsets are logical: a block's offset is the file position of its record minus H, and the
 * extent's length is the file length minus H, so replicas agree on offsets whatever their header.
 * Appends are fsynced before they return (one fsync per call, for any number of blocks). On first
 * use the records are scanned: a torn tail (a short record, or a bad checksum in the last record)
 * is truncated; a bad checksum elsewhere is left for reads to report CORRUPT. Cutting the tail of
 * an open replica first writes {@code <extentId>.cut} (the offset cut at, decimal ASCII, written
 * durably): such a replica may have lost blocks that were acknowledged, so it reports
 * {@link #tailCut()} for good and takes no more writes. Sealing writes
 * {@code <extentId>.sealed} (the sealed length in decimal ASCII, written to a temporary file,
 * fsynced, renamed over the old marker, directory fsynced) and then truncates the file to the
 * sealed length; a crash in between is finished by the next recovery.
 *
 * <p>Thread-safe; the channel may be closed to bound open files and reopens on demand.
 */
public final class ExtentFile {
  public static final int VERSION = ExtentFileHeader.VERSION;
  static final int RECORD_HEADER_BYTES = ExtentNodeApi.BLOCK_OVERHEAD_BYTES;
  /** Records longer than this are taken as garbage whatever the configured block bound. */
  static final int RECORD_BYTES_SANITY = 64 * 1024 * 1024;
  /** The most bytes one read or write call on the channel moves (see {@link FileReads#WINDOW_BYTES}). */
  static final int IO_WINDOW_BYTES = FileReads.WINDOW_BYTES;
  private static final Logger log = LoggerFactory.getLogger(ExtentFile.class);

  private final ExtentId id;
  private final Path path;
  private final Path sealedPath;
  private final Path cutPath;
  private final int blockBytesMax;
  private FileChannel channel;
  private int headerBytes;
  private long length = -1;
  private long sealedLength = -1;
  private boolean tailCut;

  private ExtentFile(Path dir, ExtentId id, int blockBytesMax) {
    this.id = id;
    this.path = dir.resolve(ExtentFileHeader.fileName(id));
    this.sealedPath = dir.resolve(id.value() + ".sealed");
    this.cutPath = dir.resolve(id.value() + ".cut");
    this.blockBytesMax = blockBytesMax;
  }

  /** Creates the file with its header, durably, unless it exists. */
  public static ExtentFile create(Path dir, ExtentId id, int blockBytesMax) throws IOException {
    ExtentFile f = new ExtentFile(dir, id, blockBytesMax);
    if (!Files.exists(f.path)) {
      Path tmp = dir.resolve(id.value() + ".ext.tmp");
      writeDurably(tmp, f.path, ExtentFileHeader.of(id));
    }
    return f;
  }

  /** An existing file, opened and checked on first use. */
  public static ExtentFile existing(Path dir, ExtentId id, int blockBytesMax) {
    return new ExtentFile(dir, id, blockBytesMax);
  }

  public ExtentId id() {
    return id;
  }

  public synchronized long length() throws IOException {
    if (length < 0) {
      open();
    }
    return length;
  }

  /** The sealed length, or -1 while open. */
  public synchronized long sealedLength() throws IOException {
    if (length < 0) {
      open();
    }
    return sealedLength;
  }

  /**
   * Whether this replica cut a torn or corrupt tail while open: it may miss acknowledged blocks,
   * so it must not choose a commit length, and it takes no more writes.
   */
  public synchronized boolean tailCut() throws IOException {
    if (length < 0) {
      open();
    }
    return tailCut;
  }

  /** Appends blocks at the end and fsyncs; returns each block's offset. */
  public synchronized List<Long> append(List<Buffer> blocks) throws IOException {
    open();
    if (sealedLength >= 0) {
      throw new StreamException(StreamErrorCode.SEALED, id + " is sealed at " + sealedLength);
    }
    if (tailCut) {
      throw new StreamException(StreamErrorCode.CORRUPT, id + " cut its tail when it recovered: no more writes");
    }
    int total = 0;
    for (Buffer b : blocks) {
      if (b.length() > blockBytesMax) {
        throw new StreamException(StreamErrorCode.TOO_LARGE,
            id + " block of " + b.length() + " bytes over " + blockBytesMax);
      }
      total += RECORD_HEADER_BYTES + b.length();
    }
    // each payload is read twice where it lies (its checksum, then its copy into the I/O window)
    // and copied once: no batch-sized array to allocate, no heap-to-direct copy by the JDK
    List<Long> offsets = new ArrayList<>(blocks.size());
    long offset = length;
    RecordWriter out = new RecordWriter(headerBytes + length);
    try {
      for (Buffer b : blocks) {
        // a block received in pieces stays in pieces: no merging copy
        offsets.add(offset);
        out.header(b.length(), BlockTransfer.checksum(b));
        for (ByteBuffer piece : RpcBytes.nioPieces(b)) {
          out.payload(piece);
        }
        offset += RECORD_HEADER_BYTES + b.length();
      }
      out.flush();
      channel.force(false);
    } catch (IOException e) {
      channel.truncate(headerBytes + length);
      throw e;
    }
    length = offset;
    return offsets;
  }

  /**
   * Writes blocks at {@code offset} (a secondary following its primary). Blocks already held
   * identically at that place are acknowledged again; the rest is appended.
   */
  public synchronized List<Long> writeAt(long offset, List<Buffer> blocks) throws IOException {
    open();
    if (offset > length) {
      throw new StreamException(StreamErrorCode.OFFSET_MISMATCH,
          id + " is " + length + " bytes long, cannot write at " + offset);
    }
    List<Long> offsets = new ArrayList<>(blocks.size());
    long pos = offset;
    int i = 0;
    for (; i < blocks.size() && pos < length; i++) {
      byte[] held = readRecord(pos, false);
      if (!Arrays.equals(held, blocks.get(i).getBytes())) {
        throw new StreamException(StreamErrorCode.OFFSET_MISMATCH,
            id + " holds different bytes at " + pos);
      }
      offsets.add(pos);
      pos += RECORD_HEADER_BYTES + held.length;
    }
    if (i < blocks.size()) {
      if (pos != length) {
        throw new StreamException(StreamErrorCode.OFFSET_MISMATCH,
            id + " block boundary " + pos + " is not the end " + length);
      }
      offsets.addAll(append(blocks.subList(i, blocks.size())));
    }
    return offsets;
  }

  /** Whole blocks from {@code offset}, at least one if any, then up to {@code maxBytes} payload. */
  public synchronized ReadResult read(long offset, int maxBytes) throws IOException {
    open();
    if (offset < 0 || offset > length) {
      throw new StreamException(StreamErrorCode.OFFSET_MISMATCH,
          id + " is " + length + " bytes long, no block at " + offset);
    }
    List<Block> blocks = new ArrayList<>();
    long pos = offset;
    long bytes = 0;
    while (pos < length) {
      int len = recordLength(pos);
      if (!blocks.isEmpty() && bytes + len > maxBytes) {
        break;
      }
      byte[] payload = readRecord(pos, true);
      blocks.add(new Block(pos, RpcBytes.wrap(payload)));
      bytes += len;
      pos += RECORD_HEADER_BYTES + len;
    }
    return new ReadResult(blocks, pos, length);
  }

  /**
   * Reads the record of the block at {@code offset} as stored (its length, checksum and payload)
   * into {@code into}, in one pass and unchecked, for a reader that checks the checksum itself.
   * Fails OFFSET_MISMATCH unless a record of {@code payloadBytes} (at most a block) starts at
   * {@code offset} within the extent's length; {@code into} must have room for the record.
   */
  public synchronized void storedRecord(long offset, int payloadBytes, ByteBuffer into) throws IOException {
    open();
    if (offset < 0 || payloadBytes < 0 || payloadBytes > blockBytesMax
        || offset + RECORD_HEADER_BYTES + payloadBytes > length) {
      throw noRecord(offset, payloadBytes);
    }
    ByteBuffer record = into.slice(into.position(), RECORD_HEADER_BYTES + payloadBytes);
    readFully(record, headerBytes + offset);
    if (record.getInt(0) != payloadBytes) {
      throw noRecord(offset, payloadBytes);
    }
    into.position(into.position() + record.limit());
  }

  /** The number of bytes the stored record of a block of {@code payloadBytes} takes. */
  public static int recordBytes(int payloadBytes) {
    return RECORD_HEADER_BYTES + payloadBytes;
  }

  private StreamException noRecord(long offset, int payloadBytes) {
    return new StreamException(StreamErrorCode.OFFSET_MISMATCH,
        id + " of " + length + " bytes has no block of " + payloadBytes + " bytes at " + offset);
  }

  /**
   * Seals at {@code sealAt}, truncating anything past it, and returns the sealed length; -1 seals
   * at the current length (a fence: no more writes). A sealed replica asked for a shorter length
   * is truncated further (the stream manager lowering it to the commit length); asked for a
   * longer one it stays as it is. Idempotent.
   */
  public synchronized long seal(long sealAt) throws IOException {
    open();
    long at = sealAt < 0 ? (sealedLength >= 0 ? sealedLength : length) : sealAt;
    if (sealedLength >= 0 && at >= sealedLength) {
      if (at != sealedLength) {
        log.warn("{} already sealed at {}, asked to seal at {}", id, sealedLength, at);
      }
      return sealedLength;
    }
    if (at > length) {
      throw new StreamException(StreamErrorCode.OFFSET_MISMATCH,
          id + " is " + length + " bytes long, cannot seal at " + at);
    }
    Path tmp = sealedPath.resolveSibling(id.value() + ".sealed.tmp");
    writeDurably(tmp, sealedPath, Long.toString(at).getBytes(StandardCharsets.US_ASCII));
    sealedLength = at;
    truncateTo(at);
    return at;
  }

  /** Closes the channel and deletes the replica's files, durably. */
  public synchronized void delete() throws IOException {
    close();
    Files.deleteIfExists(sealedPath);
    Files.deleteIfExists(cutPath);
    Files.deleteIfExists(path);
    length = -1;
    sealedLength = -1;
    tailCut = false;
    syncDir(path.getParent());
  }

  /** Closes the channel; the next operation reopens it. */
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  /** Whether the channel is open now (it reopens on demand). */
  synchronized boolean channelOpen() {
    return channel != null;
  }

  private void open() throws IOException {
    if (channel != null) {
      return;
    }
    if (!Files.exists(path)) {
      throw new StreamException(StreamErrorCode.NOT_FOUND, "no extent file " + path);
    }
    channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    if (length < 0) {
      try {
        recover();
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      }
    }
  }

  /** Reads the header and sealed marker, scans the records and truncates a torn tail. */
  private void recover() throws IOException {
    headerBytes = ExtentFileHeader.check(channel, id);
    if (Files.exists(sealedPath)) {
      sealedLength = Long.parseLong(Files.readString(sealedPath, StandardCharsets.US_ASCII).trim());
    }
    tailCut = Files.exists(cutPath);
    long size = channel.size() - headerBytes;
    long pos = 0;
    while (size - pos >= RECORD_HEADER_BYTES) {
      int len = rawLength(pos);
      long next = pos + RECORD_HEADER_BYTES + len;
      if (len < 0 || len > RECORD_BYTES_SANITY || next > size) {
        break;
      }
      if (!checksumMatches(pos)) {
        if (next == size) {
          break;
        }
        log.warn("{} block at {} fails its checksum", id, pos);
      }
      pos = next;
    }
    length = size;
    if (pos < size) {
      log.warn("{} truncating torn tail: {} bytes at offset {}", id, size - pos, pos);
      if (sealedLength < 0 || pos < sealedLength) {
        writeDurably(cutPath.resolveSibling(id.value() + ".cut.tmp"), cutPath,
            Long.toString(pos).getBytes(StandardCharsets.US_ASCII));
        tailCut = true;
      }
      truncateTo(pos);
    }
    if (sealedLength >= 0 && length > sealedLength) {
      log.warn("{} truncating {} bytes past the seal at {}", id, length - sealedLength, sealedLength);
      truncateTo(sealedLength);
    } else if (sealedLength >= 0 && length < sealedLength) {
      log.error("{} holds {} bytes but was sealed at {}", id, length, sealedLength);
    }
  }

  private int rawLength(long pos) throws IOException {
    ByteBuffer h = ByteBuffer.allocate(4);
    readFully(h, headerBytes + pos);
    return h.getInt(0);
  }

  private int recordLength(long pos) throws IOException {
    int len = rawLength(pos);
    if (len < 0 || len > RECORD_BYTES_SANITY || pos + RECORD_HEADER_BYTES + len > length) {
      throw new StreamException(StreamErrorCode.CORRUPT, id + " no valid block at " + pos);
    }
    return len;
  }

  private boolean checksumMatches(long pos) throws IOException {
    try {
      readRecord(pos, true);
      return true;
    } catch (StreamException e) {
      return false;
    }
  }

  /** The payload of the record at {@code pos}, its checksum verified if {@code verify}. */
  private byte[] readRecord(long pos, boolean verify) throws IOException {
    ByteBuffer h = ByteBuffer.allocate(RECORD_HEADER_BYTES);
    readFully(h, headerBytes + pos);
    int len = h.getInt(0);
    if (len < 0 || len > RECORD_BYTES_SANITY) {
      throw new StreamException(StreamErrorCode.CORRUPT, id + " no valid block at " + pos);
    }
    ByteBuffer payload = ByteBuffer.allocate(len);
    readFully(payload, headerBytes + pos + RECORD_HEADER_BYTES);
    byte[] bytes = payload.array();
    if (verify && crc(bytes, 0, len) != h.getInt(4)) {
      throw new StreamException(StreamErrorCode.CORRUPT, id + " block at " + pos + " fails its checksum");
    }
    return bytes;
  }

  private void truncateTo(long logicalLength) throws IOException {
    channel.truncate(headerBytes + logicalLength);
    channel.force(true);
    length = logicalLength;
  }

  /** Reads through {@link FileReads} windows; a file that ends first is CORRUPT. */
  private void readFully(ByteBuffer dst, long position) throws IOException {
    try {
      FileReads.readFully(channel, dst, position);
    } catch (EOFException e) {
      throw new StreamException(StreamErrorCode.CORRUPT, id + " short read: " + e.getMessage());
    }
  }


  /** The I/O window of each thread that writes records: direct, so the channel writes it as it is. */
  private static final ThreadLocal<ByteBuffer> WINDOW =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(IO_WINDOW_BYTES));

  /** Writes records from a file position on through this thread's {@link #WINDOW}. */
  private final class RecordWriter {
    private final ByteBuffer window = WINDOW.get().clear();
    private long position;

    RecordWriter(long position) {
      this.position = position;
    }

    void header(int length, int crc) throws IOException {
      if (window.remaining() < RECORD_HEADER_BYTES) {
        flush();
      }
      window.putInt(length).putInt(crc);
    }

    void payload(ByteBuffer bytes) throws IOException {
      while (bytes.hasRemaining()) {
        if (!window.hasRemaining()) {
          flush();
        }
        int n = Math.min(window.remaining(), bytes.remaining());
        window.put(window.position(), bytes, bytes.position(), n);
        window.position(window.position() + n);
        bytes.position(bytes.position() + n);
      }
    }

    void flush() throws IOException {
      window.flip();
      while (window.hasRemaining()) {
        position += channel.write(window, position);
      }
      window.clear();
    }
  }

  private void writeFully(ByteBuffer src, long position) throws IOException {
    long p = position;
    int end = src.limit();
    try {
      while (src.position() < end) {
        src.limit(Math.min(end, src.position() + IO_WINDOW_BYTES));
        p += channel.write(src, p);
      }
    } finally {
      src.limit(end);
    }
  }

  static int crc(byte[] bytes, int from, int len) {
    CRC32C c = new CRC32C();
    c.update(bytes, from, len);
    return (int) c.getValue();
  }

  /** Writes {@code bytes} to {@code tmp}, fsyncs, renames it to {@code target}, fsyncs the dir. */
  static void writeDurably(Path tmp, Path target, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDir(target.getParent());
  }

  static void syncDir(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }
}

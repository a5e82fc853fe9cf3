package io.stampede.stream.api;

import io.stampede.common.file.FileReads;
import io.stampede.common.id.ExtentId;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The name and header of an extent's replica file, shared by the extent node that writes it and
 * a reader on the same host that reads it directly (see {@code LocalReads}). All integers
 * big-endian; format version 1:
 *
 * <pre>
 *   0  4 bytes  magic "STXT" (0x53 0x54 0x58 0x54)
 *   4  u16      format version (1)
 *   6  u16      header length H in bytes, this whole header included
 *   8  u16      extent id length N
 *   10 N bytes  extent id, UTF-8
 *   10+N u32    CRC32C of bytes [0, 10+N)
 * </pre>
 */
public final class ExtentFileHeader {
  public static final int VERSION = 1;
  static final byte[] MAGIC = {0x53, 0x54, 0x58, 0x54};
  private static final int FIXED_BYTES = 10;

  private ExtentFileHeader() {}

  /** The replica file's name in its node's directory. */
  public static String fileName(ExtentId id) {
    return id.value() + ".ext";
  }

  /** The header of a new replica file of {@code id}. */
  public static byte[] of(ExtentId id) {
    byte[] idBytes = id.value().getBytes(StandardCharsets.UTF_8);
    int len = FIXED_BYTES + idBytes.length + 4;
    ByteBuffer b = ByteBuffer.allocate(len);
    b.put(MAGIC).putShort((short) VERSION).putShort((short) len).putShort((short) idBytes.length).put(idBytes);
    b.putInt(crc(b.array(), 0, len - 4));
    return b.array();
  }

  /**
   * Reads and checks the header at the start of {@code channel}: magic, version, checksum and that
   * it names {@code id}. Returns its length H (records start there); throws CORRUPT otherwise.
   */
  public static int check(FileChannel channel, ExtentId id) throws IOException {
    ByteBuffer fixed = ByteBuffer.allocate(FIXED_BYTES);
    readFully(channel, fixed, 0, id);
    byte[] magic = new byte[4];
    fixed.flip().get(magic);
    int version = fixed.getShort() & 0xffff;
    int len = fixed.getShort() & 0xffff;
    if (!Arrays.equals(magic, MAGIC) || version != VERSION || len < FIXED_BYTES + 4) {
      throw new StreamException(StreamErrorCode.CORRUPT,
          id + " bad header (magic " + Arrays.toString(magic) + ", version " + version + ")");
    }
    ByteBuffer all = ByteBuffer.allocate(len);
    readFully(channel, all, 0, id);
    byte[] h = all.array();
    int idLen = ByteBuffer.wrap(h, 8, 2).getShort() & 0xffff;
    if (FIXED_BYTES + idLen + 4 != len) {
      throw new StreamException(StreamErrorCode.CORRUPT, id + " bad header (id of " + idLen + " bytes)");
    }
    String stored = new String(h, FIXED_BYTES, idLen, StandardCharsets.UTF_8);
    if (ByteBuffer.wrap(h, len - 4, 4).getInt() != crc(h, 0, len - 4) || !stored.equals(id.value())) {
      throw new StreamException(StreamErrorCode.CORRUPT, id + " bad header (holds '" + stored + "')");
    }
    return len;
  }

  private static void readFully(FileChannel channel, ByteBuffer dst, long position, ExtentId id) throws IOException {
    try {
      FileReads.readFully(channel, dst, position);
    } catch (EOFException e) {
      throw new StreamException(StreamErrorCode.CORRUPT, id + " header cut short: " + e.getMessage());
    }
  }


  private static int crc(byte[] bytes, int from, int len) {
    CRC32C c = new CRC32C();
    c.update(bytes, from, len);
    return (int) c.getValue();
  }
}

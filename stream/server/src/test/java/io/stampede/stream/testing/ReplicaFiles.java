package io.stampede.stream.testing;

import io.stampede.stream.api.ExtentFileHeader;
import io.stampede.stream.api.ExtentPointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Damage done to replica files on disk, for tests of what readers make of it. */
public final class ReplicaFiles {
  private ReplicaFiles() {}

  /** Changes one payload byte of the block at {@code pointer} in its replica file in {@code extentDir}, leaving its checksum. */
  public static void flipPayloadByte(Path extentDir, ExtentPointer pointer) throws IOException {
    Path file = extentDir.resolve(ExtentFileHeader.fileName(pointer.extent()));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer header = ByteBuffer.allocate(8);
      ch.read(header, 0);
      int headerBytes = header.getShort(6) & 0xffff;
      long at = headerBytes + pointer.offset() + 8 + pointer.length() / 2;
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, at);
      ch.write(ByteBuffer.wrap(new byte[] {(byte) (one.get(0) ^ 0x5a)}), at);
    }
  }
}

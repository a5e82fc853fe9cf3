package io.stampede.common.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReadsTest {
  @TempDir Path dir;

  @Test
  void fillsTheBufferAcrossWindowsAndFailsAtTheEndOfTheFile() throws Exception {
    byte[] bytes = new byte[FileReads.WINDOW_BYTES * 2 + 77];
    new Random(1).nextBytes(bytes);
    Path file = Files.write(dir.resolve("f"), bytes);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer all = ByteBuffer.allocate(bytes.length - 10);
      FileReads.readFully(ch, all, 10);
      assertEquals(all.capacity(), all.position());
      assertEquals(all.capacity(), all.limit());
      assertArrayEquals(Arrays.copyOfRange(bytes, 10, bytes.length), all.array());

      ByteBuffer past = ByteBuffer.allocate(100);
      assertThrows(EOFException.class, () -> FileReads.readFully(ch, past, bytes.length - 50));
      assertEquals(100, past.limit());
    }
  }
}

package io.stampede.common.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;

  private List<String> reopen(Path file) throws IOException {
    List<String> seen = new ArrayList<>();
    try (Journal j = Journal.open("test", file, b -> seen.add(new String(b, StandardCharsets.UTF_8)))) {
      return seen;
    }
  }

  @Test
  void recordsSurviveReopenInOrder() throws IOException {
    Path f = dir.resolve("a.journal");
    try (Journal j = Journal.open("test", f, b -> {})) {
      j.append("one".getBytes(StandardCharsets.UTF_8));
      j.append("two".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(List.of("one", "two"), reopen(f));
  }

  @Test
  void readsAFileWrittenByVersionOne() throws IOException {
    // "SJNL" v1, then one record "hi" with its CRC32C (0x2BA4C2C3... computed independently below).
    Path f = dir.resolve("v1.journal");
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update("hi".getBytes(StandardCharsets.UTF_8));
    String hex = "534a4e4c" + "0001" + "0000" + "00000002"
        + String.format("%08x", crc.getValue()) + "6869";
    Files.write(f, HexFormat.of().parseHex(hex));
    assertEquals(List.of("hi"), reopen(f));
  }

  @Test
  void tornTailIsTruncated() throws IOException {
    Path f = dir.resolve("t.journal");
    try (Journal j = Journal.open("test", f, b -> {})) {
      j.append("keep".getBytes(StandardCharsets.UTF_8));
      j.append("torn-record".getBytes(StandardCharsets.UTF_8));
    }
    long size = Files.size(f);
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.truncate(size - 3);
    }
    assertEquals(List.of("keep"), reopen(f));
    try (Journal j = Journal.open("test", f, b -> {})) {
      j.append("after".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(List.of("keep", "after"), reopen(f));
  }

  @Test
  void corruptionBeforeTheTailFailsTheOpen() throws IOException {
    Path f = dir.resolve("c.journal");
    try (Journal j = Journal.open("test", f, b -> {})) {
      j.append("first".getBytes(StandardCharsets.UTF_8));
      j.append("second".getBytes(StandardCharsets.UTF_8));
    }
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {'X'}), Journal.HEADER_BYTES + Journal.RECORD_HEADER_BYTES);
    }
    assertThrows(IOException.class, () -> reopen(f));
  }

  @Test
  void rejectsAForeignFile() throws IOException {
    Path f = dir.resolve("x.journal");
    Files.write(f, "not a journal at all".getBytes(StandardCharsets.UTF_8));
    assertThrows(IOException.class, () -> reopen(f));
    assertArrayEquals("not a journal at all".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(f));
  }
}

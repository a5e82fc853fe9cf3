package io.stampede.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileTest {
  @TempDir Path dir;

  @Test
  void roundTripsWithAnMd5FileAndNoTemporaryLeft() throws IOException {
    Path file = dir.resolve("snapshot.3_42");
    byte[] bytes = "the state".getBytes(StandardCharsets.UTF_8);
    SnapshotFile.write(file, bytes);
    assertArrayEquals(bytes, SnapshotFile.read(file));
    assertTrue(Files.exists(dir.resolve("snapshot.3_42.md5")));
    assertFalse(Files.exists(dir.resolve("snapshot.3_42.tmp")));
  }

  @Test
  void overwritesAnOlderFileOfTheSameName() throws IOException {
    Path file = dir.resolve("snapshot.1_1");
    SnapshotFile.write(file, new byte[] {1, 2, 3});
    SnapshotFile.write(file, new byte[] {4});
    assertArrayEquals(new byte[] {4}, SnapshotFile.read(file));
  }

  @Test
  void detectsACorruptSnapshot() throws IOException {
    Path file = dir.resolve("snapshot.1_7");
    SnapshotFile.write(file, new byte[] {1, 2, 3, 4});
    Files.write(file, new byte[] {1, 2, 9, 4});
    assertThrows(IOException.class, () -> SnapshotFile.read(file));
  }

  @Test
  void readsASnapshotWithoutMd5File() throws IOException {
    Path file = dir.resolve("snapshot.1_8");
    Files.write(file, new byte[] {5, 6});
    assertArrayEquals(new byte[] {5, 6}, SnapshotFile.read(file));
  }
}

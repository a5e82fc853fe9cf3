package io.stampede.stream.extent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.ExtentId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ReadResult;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtentFileTest {
  private static final ExtentId ID = ExtentId.of("e7");
  private static final int MAX = 1024;

  @TempDir Path dir;

  /** Version 1 written by hand from the documented layout, independent of the writer. */
  static byte[] versionOneFile(String id, List<String> blocks) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(out);
    byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
    d.writeBytes("STXT");
    d.writeShort(1);
    d.writeShort(14 + idBytes.length);
    d.writeShort(idBytes.length);
    d.write(idBytes);
    d.writeInt(crc(out.toByteArray()));
    for (String b : blocks) {
      byte[] payload = b.getBytes(StandardCharsets.UTF_8);
      d.writeInt(payload.length);
      d.writeInt(crc(payload));
      d.write(payload);
    }
    return out.toByteArray();
  }

  private static int crc(byte[] bytes) {
    CRC32C c = new CRC32C();
    c.update(bytes);
    return (int) c.getValue();
  }

  private static List<Buffer> buffers(String... s) {
    return Arrays.stream(s).map(Buffer::buffer).toList();
  }

  private static List<String> strings(ReadResult r) {
    return r.blocks().stream().map(b -> b.data().toString()).toList();
  }

  @Test
  void readsAVersionOneFileWrittenByHand() throws Exception {
    Files.write(dir.resolve("e7.ext"), versionOneFile("e7", List.of("alpha", "", "gamma!")));
    ExtentFile f = ExtentFile.existing(dir, ID, MAX);
    assertEquals(3 * 8 + 11, f.length());
    ReadResult all = f.read(0, 1 << 20);
    assertEquals(List.of("alpha", "", "gamma!"), strings(all));
    assertEquals(List.of(0L, 13L, 21L), all.blocks().stream().map(b -> b.offset()).toList());
    assertEquals(List.of("gamma!"), strings(f.read(21, 1 << 20)));
  }

  @Test
  void writesExactlyTheDocumentedBytes() throws Exception {
    ExtentFile f = ExtentFile.create(dir, ID, MAX);
    assertEquals(List.of(0L, 13L), f.append(buffers("alpha", "")));
    assertEquals(List.of(21L), f.append(buffers("gamma!")));
    assertArrayEquals(versionOneFile("e7", List.of("alpha", "", "gamma!")),
        Files.readAllBytes(dir.resolve("e7.ext")));
  }

  @Test
  void aStoredRecordComesAsStoredAndOnlyForABlockThatIsThere() throws Exception {
    ExtentFile f = ExtentFile.create(dir, ID, MAX);
    f.append(buffers("alpha", "gamma!"));
    byte[] file = Files.readAllBytes(dir.resolve("e7.ext"));
    int header = file.length - (8 + 5 + 8 + 6);
    ByteBuffer into = ByteBuffer.allocateDirect(64).position(3);
    f.storedRecord(13, 6, into);
    assertEquals(3 + ExtentFile.recordBytes(6), into.position());
    byte[] got = new byte[ExtentFile.recordBytes(6)];
    into.get(3, got);
    assertArrayEquals(java.util.Arrays.copyOfRange(file, header + 13, file.length), got);
    for (int[] wrong : new int[][] {{13, 5}, {13, 7}, {12, 6}, {0, MAX + 1}, {27, 0}, {0, Integer.MAX_VALUE}}) {
      ByteBuffer room = ByteBuffer.allocate(64);
      assertEquals(StreamErrorCode.OFFSET_MISMATCH,
          assertThrows(StreamException.class, () -> f.storedRecord(wrong[0], wrong[1], room)).code(), wrong[0] + "/" + wrong[1]);
    }
  }

  @Test
  void readStopsAtMaxBytesButReturnsAtLeastOneBlock() throws Exception {
    ExtentFile f = ExtentFile.create(dir, ID, MAX);
    f.append(buffers("aaaa", "bbbb", "cccc"));
    ReadResult r = f.read(0, 9);
    assertEquals(List.of("aaaa", "bbbb"), strings(r));
    assertEquals(24, r.nextOffset());
    assertEquals(List.of("cccc"), strings(f.read(24, 1)));
    assertEquals(List.of(), strings(f.read(36, 10)));
  }

  @Test
  void truncatesATornTailOnOpen() throws Exception {
    byte[] good = versionOneFile("e7", List.of("one", "two"));
    byte[] torn = versionOneFile("e7", List.of("one", "two", "three-is-long"));
    Files.write(dir.resolve("e7.ext"), Arrays.copyOf(torn, torn.length - 4));
    ExtentFile f = ExtentFile.existing(dir, ID, MAX);
    assertEquals(22, f.length());
    assertEquals(good.length, Files.size(dir.resolve("e7.ext")));
    assertEquals(List.of("one", "two"), strings(f.read(0, 100)));
    // an open replica that cut its tail may miss acknowledged blocks: no more writes, only a seal
    assertTrue(f.tailCut());
    assertEquals(StreamErrorCode.CORRUPT,
        assertThrows(StreamException.class, () -> f.append(buffers("four"))).code());
    assertEquals(22, f.seal(-1));
  }

  @Test
  void aCorruptLastRecordOfAnOpenReplicaIsCutForGood() throws Exception {
    ExtentFile f = ExtentFile.create(dir, ID, MAX);
    f.append(buffers("one", "two"));
    f.append(buffers("three"));
    f.close();
    Path file = dir.resolve("e7.ext");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 2] ^= 0x20; // a payload byte of "three"
    Files.write(file, bytes);

    ExtentFile reopened = ExtentFile.existing(dir, ID, MAX);
    assertEquals(22, reopened.length());
    assertTrue(reopened.tailCut());
    assertEquals("22", Files.readString(dir.resolve("e7.cut")), "the marker holds the offset cut at");
    assertEquals(bytes.length - 13, Files.size(file));
    assertEquals(List.of("one", "two"), strings(reopened.read(0, 100)));
    assertEquals(StreamErrorCode.CORRUPT,
        assertThrows(StreamException.class, () -> reopened.append(buffers("four"))).code());
    assertEquals(StreamErrorCode.CORRUPT, assertThrows(StreamException.class,
        () -> reopened.writeAt(22, buffers("four"))).code(), "a secondary's write too");
    reopened.close();

    // the file now looks whole: only the marker remembers the cut
    ExtentFile again = ExtentFile.existing(dir, ID, MAX);
    assertTrue(again.tailCut());
    assertEquals(22, again.length());
    assertEquals(StreamErrorCode.CORRUPT,
        assertThrows(StreamException.class, () -> again.append(buffers("four"))).code());
    assertEquals(22, again.seal(-1));
    again.close();
    ExtentFile sealed = ExtentFile.existing(dir, ID, MAX);
    assertTrue(sealed.tailCut(), "sealed, it still reports the cut");
    sealed.delete();
    assertFalse(Files.exists(dir.resolve("e7.cut")), "deleted with the replica");
  }

  @Test
  void aSealedReplicaTruncatedPastItsSealDidNotCutItsTail() throws Exception {
    // the crash came after the seal marker was written, before the file was truncated to it,
    // and tore a record past the seal
    byte[] torn = versionOneFile("e7", List.of("one", "two", "three-is-long"));
    Files.write(dir.resolve("e7.ext"), Arrays.copyOf(torn, torn.length - 4));
    Files.writeString(dir.resolve("e7.sealed"), "11");
    ExtentFile f = ExtentFile.existing(dir, ID, MAX);
    assertEquals(11, f.length());
    assertEquals(11, f.sealedLength());
    assertFalse(f.tailCut());
    assertFalse(Files.exists(dir.resolve("e7.cut")));
    assertEquals(List.of("one"), strings(f.read(0, 100)));
    f.close();
    ExtentFile reopened = ExtentFile.existing(dir, ID, MAX);
    assertFalse(reopened.tailCut());
    reopened.close();
  }

  @Test
  void truncatesALastRecordWithABadChecksum() throws Exception {
    byte[] bytes = versionOneFile("e7", List.of("one", "two"));
    bytes[bytes.length - 1] ^= 1;
    Files.write(dir.resolve("e7.ext"), bytes);
    ExtentFile f = ExtentFile.existing(dir, ID, MAX);
    assertEquals(11, f.length());
    assertEquals(List.of("one"), strings(f.read(0, 100)));
  }

  @Test
  void reportsCorruptionInsideTheFile() throws Exception {
    byte[] bytes = versionOneFile("e7", List.of("one", "two", "three"));
    bytes[16 + 8] ^= 1; // first payload byte of "one" (header is 16 bytes for "e7")
    Files.write(dir.resolve("e7.ext"), bytes);
    ExtentFile f = ExtentFile.existing(dir, ID, MAX);
    assertEquals(3 * 8 + 11, f.length());
    StreamException e = assertThrows(StreamException.class, () -> f.read(0, 100));
    assertEquals(StreamErrorCode.CORRUPT, e.code());
    assertEquals(List.of("two", "three"), strings(f.read(11, 100)));
  }

  @Test
  void refusesABadHeaderAndBlocksOverTheBound() throws Exception {
    byte[] bytes = versionOneFile("e7", List.of());
    bytes[5] = 9; // version 9
    Files.write(dir.resolve("e7.ext"), bytes);
    assertEquals(StreamErrorCode.CORRUPT,
        assertThrows(StreamException.class, () -> ExtentFile.existing(dir, ID, MAX).length()).code());
    ExtentFile f = ExtentFile.create(dir, ExtentId.of("e8"), 4);
    assertEquals(StreamErrorCode.TOO_LARGE,
        assertThrows(StreamException.class, () -> f.append(buffers("12345"))).code());
  }

  @Test
  void sealTruncatesPersistsAndRefusesAppends() throws Exception {
    ExtentFile f = ExtentFile.create(dir, ID, MAX);
    f.append(buffers("one", "two"));
    assertEquals(11, f.seal(11));
    assertEquals(11, f.seal(22));
    assertEquals(StreamErrorCode.SEALED,
        assertThrows(StreamException.class, () -> f.append(buffers("x"))).code());
    assertEquals("11", Files.readString(dir.resolve("e7.sealed")));
    f.close();
    ExtentFile reopened = ExtentFile.existing(dir, ID, MAX);
    assertEquals(11, reopened.sealedLength());
    assertEquals(List.of("one"), strings(reopened.read(0, 100)));
    assertEquals(StreamErrorCode.OFFSET_MISMATCH, assertThrows(StreamException.class,
        () -> ExtentFile.create(dir, ExtentId.of("e9"), MAX).seal(5)).code());
  }

  @Test
  void writeAtAcknowledgesARetryAndRefusesGapsAndDivergence() throws Exception {
    ExtentFile f = ExtentFile.create(dir, ID, MAX);
    assertEquals(List.of(0L, 11L), f.writeAt(0, buffers("one", "two")));
    assertEquals(List.of(0L, 11L), f.writeAt(0, buffers("one", "two")));
    assertEquals(List.of(11L, 22L), f.writeAt(11, buffers("two", "six")));
    assertEquals(33, f.length());
    assertEquals(StreamErrorCode.OFFSET_MISMATCH,
        assertThrows(StreamException.class, () -> f.writeAt(50, buffers("x"))).code());
    assertEquals(StreamErrorCode.OFFSET_MISMATCH,
        assertThrows(StreamException.class, () -> f.writeAt(0, buffers("uno"))).code());
  }

  @Test
  void storeReopensFilesItClosedToBoundOpenFiles() throws Exception {
    ExtentStore store = new ExtentStore("n1", dir, MAX, 1);
    store.load();
    for (String id : List.of("e1", "e2", "e3")) {
      store.create(new ExtentInfo(ExtentId.of(id), List.of(), false, 0), 0);
    }
    for (int round = 0; round < 3; round++) {
      for (String id : List.of("e1", "e2", "e3")) {
        store.file(ExtentId.of(id)).append(buffers(id + round));
      }
    }
    store.close();
    ExtentStore again = new ExtentStore("n1", dir, MAX, 2);
    again.load();
    assertEquals(3, again.extents().size());
    assertEquals(List.of("e20", "e21", "e22"), strings(again.file(ExtentId.of("e2")).read(0, 100)));
    again.close();
  }

  @Test
  void reportingOnReplicasKeepsNoMoreFilesOpenThanTheBound() throws Exception {
    ExtentStore store = new ExtentStore("n1", dir, MAX, 1);
    store.load();
    List<ExtentId> ids = List.of(ExtentId.of("e1"), ExtentId.of("e2"), ExtentId.of("e3"));
    for (ExtentId id : ids) {
      store.create(new ExtentInfo(id, List.of(), false, 0), 0);
      store.file(id).append(buffers(id.value()));
    }
    store.close();
    ExtentStore again = new ExtentStore("n1", dir, MAX, 1);
    again.load();
    ExtentFile used = again.file(ExtentId.of("e2"));
    assertEquals(3, again.report().size());
    assertEquals(1, ids.stream().filter(id -> again.get(id).file().channelOpen()).count());
    assertTrue(used.channelOpen(), "the file in use stays open");
    assertEquals(List.of("e2"), strings(used.read(0, 100)));
    again.close();
  }

  @Test
  void aDeleteCutShortLeavesNothingTheNextLoadKeeps() throws Exception {
    ExtentStore store = new ExtentStore("n1", dir, MAX, 4);
    store.load();
    for (String id : List.of("e1", "e2", "e3")) {
      store.create(new ExtentInfo(ExtentId.of(id), List.of(), false, 0), 0);
      store.file(ExtentId.of(id)).append(buffers(id));
      store.file(ExtentId.of(id)).seal(-1);
    }
    store.delete(ExtentId.of("e3"));
    store.close();
    Path extents = dir.resolve("extents");
    // e2's delete stopped after its replica list, a crash left temporary files
    Files.delete(extents.resolve("e2.ext"));
    Files.write(extents.resolve("e2.replicas"), "stampede-extent-replicas 1\n".getBytes(StandardCharsets.UTF_8));
    Files.write(extents.resolve("e2.cut"), "0".getBytes(StandardCharsets.US_ASCII));
    Files.write(extents.resolve("e1.sealed.tmp"), new byte[] {1});
    Files.write(extents.resolve("e1.cut.tmp"), new byte[] {1});
    Files.write(extents.resolve("e4.replicas.tmp"), new byte[] {1});
    Files.write(extents.resolve("e4.ext.tmp"), new byte[] {1});

    ExtentStore again = new ExtentStore("n1", dir, MAX, 4);
    again.load();
    assertThat(again.extents()).containsExactly(ExtentId.of("e1"));
    try (Stream<Path> files = Files.list(extents)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("e1.ext", "e1.sealed", "e1.replicas");
    }
    assertThat(strings(again.file(ExtentId.of("e1")).read(0, 100))).containsExactly("e1");
    again.close();
  }
}

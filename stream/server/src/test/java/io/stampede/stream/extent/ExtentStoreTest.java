package io.stampede.stream.extent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replica list file, {@code <id>.replicas}: both formats, and the owner epoch it keeps. */
class ExtentStoreTest {
  private static final ExtentId ID = ExtentId.of("e5");
  private static final int MAX = 1024;
  private static final List<ExtentNodeInfo> REPLICAS = List.of(
      new ExtentNodeInfo(ExtentNodeId.of("n1"), RackId.of("r1"), Endpoint.of("127.0.0.1", 7001)),
      new ExtentNodeInfo(ExtentNodeId.of("n2"), RackId.of("r2"), Endpoint.of("10.0.0.2", 7002)),
      new ExtentNodeInfo(ExtentNodeId.of("n3"), RackId.of("r3"), Endpoint.of("host-3", 7003)));

  @TempDir Path dir;

  private ExtentStore loaded() throws Exception {
    ExtentStore store = new ExtentStore("n1", dir, MAX, 4);
    store.load();
    return store;
  }

  private Path replicasFile() {
    return dir.resolve("extents").resolve(ID.value() + ".replicas");
  }

  @Test
  void readsAFormatOneReplicaListAsEpochZero() throws Exception {
    Path extents = Files.createDirectories(dir.resolve("extents"));
    ExtentFile file = ExtentFile.create(extents, ID, MAX);
    file.append(List.of(Buffer.buffer("old")));
    file.close();
    // byte for byte what the format 1 writer wrote
    Files.write(replicasFile(), ("stampede-extent-replicas 1\n"
        + "n1\tr1\t127.0.0.1\t7001\n"
        + "n2\tr2\t10.0.0.2\t7002\n"
        + "n3\tr3\thost-3\t7003\n").getBytes(StandardCharsets.UTF_8));

    ExtentStore store = loaded();
    ExtentStore.Replica r = store.get(ID);
    assertEquals(REPLICAS, r.replicas());
    assertEquals(0, r.epoch());
    r.checkEpoch(0);
    assertEquals(List.of(11L), store.file(ID).append(List.of(Buffer.buffer("new"))));
    // raising the epoch writes format 2
    store.raiseEpoch(ID, 4);
    assertEquals(formatTwo(4), Files.readString(replicasFile(), StandardCharsets.UTF_8));
    store.close();
  }

  @Test
  void roundTripsFormatTwoWithItsEpoch() throws Exception {
    ExtentStore store = loaded();
    store.create(new ExtentInfo(ID, REPLICAS, false, 0), 7);
    assertEquals(formatTwo(7), Files.readString(replicasFile(), StandardCharsets.UTF_8));
    store.close();

    ExtentStore again = loaded();
    assertEquals(REPLICAS, again.get(ID).replicas());
    assertEquals(7, again.get(ID).epoch());
    // creating it again with an older epoch keeps the newer one
    assertEquals(7, again.create(new ExtentInfo(ID, REPLICAS, false, 0), 2).epoch());
    assertEquals(9, again.create(new ExtentInfo(ID, REPLICAS, false, 0), 9).epoch());
    again.close();
    ExtentStore third = loaded();
    assertEquals(9, third.get(ID).epoch());
    third.close();
  }

  @Test
  void raiseEpochRefusesOlderEpochsAndPersists() throws Exception {
    ExtentStore store = loaded();
    store.create(new ExtentInfo(ID, REPLICAS, false, 0), 3);
    StreamException e = assertThrows(StreamException.class, () -> store.raiseEpoch(ID, 2));
    assertEquals(StreamErrorCode.FENCED, e.code());
    assertEquals(3, store.get(ID).epoch(), "a refused raise changes nothing");
    ExtentStore.Replica same = store.get(ID);
    assertSame(same, store.raiseEpoch(ID, 3), "the same epoch is a no-op");
    assertEquals(8, store.raiseEpoch(ID, 8).epoch());
    assertEquals(StreamErrorCode.FENCED,
        assertThrows(StreamException.class, () -> store.get(ID).checkEpoch(7)).code());
    assertEquals(StreamErrorCode.NOT_FOUND,
        assertThrows(StreamException.class, () -> store.raiseEpoch(ExtentId.of("e9"), 1)).code());
    store.close();

    ExtentStore again = loaded();
    assertEquals(8, again.get(ID).epoch());
    assertEquals(REPLICAS, again.get(ID).replicas());
    assertEquals(StreamErrorCode.FENCED,
        assertThrows(StreamException.class, () -> again.raiseEpoch(ID, 7)).code());
    again.close();
  }

  private static String formatTwo(long epoch) {
    return "stampede-extent-replicas 2\n"
        + "epoch\t" + epoch + "\n"
        + "n1\tr1\t127.0.0.1\t7001\n"
        + "n2\tr2\t10.0.0.2\t7002\n"
        + "n3\tr3\thost-3\t7003\n";
  }
}

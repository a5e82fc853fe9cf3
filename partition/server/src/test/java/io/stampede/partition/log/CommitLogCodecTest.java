package io.stampede.partition.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stampede.common.id.ExtentId;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.PartitionException;
import io.stampede.proto.partition.CommitLogRecordMsg;
import io.stampede.stream.api.ExtentPointer;
import io.vertx.core.buffer.Buffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitLogCodecTest {
  private static final CommitLogRecord.Put PUT = new CommitLogRecord.Put(
      new ObjectInfo("b", "k/é", 5, "etag", 42, "text/plain", Map.of("Cache-Control", "no-cache"), Map.of("m", "v")),
      List.of(new ExtentPointer(ExtentId.of("p0.blob-e0"), 0, 3), new ExtentPointer(ExtentId.of("p0.blob-e0"), 3, 2)));

  @Test
  void putAndTombstoneRoundTrip() {
    assertEquals(PUT, CommitLogCodec.decode(CommitLogCodec.encode(PUT, 3)));
    CommitLogRecord.Delete del = new CommitLogRecord.Delete("b", "k", 7, ObjectInfo.NULL_VERSION);
    assertEquals(new CommitLogCodec.Logged(9, del), CommitLogCodec.decodeLogged(CommitLogCodec.encode(del, 9)));
  }

  @Test
  void aRecordWrittenBeforeEpochsHasEpochZero() {
    Buffer v1 = Buffer.buffer(HexFormat.of().parseHex("080112016b1a01622a020807"));
    assertEquals(0, CommitLogCodec.decodeLogged(v1).epoch());
  }

  @Test
  void readsAVersion1RecordWrittenEarlier() {
    // A tombstone for b/k deleted at 7 ms, as format version 1 writes it.
    Buffer v1 = Buffer.buffer(HexFormat.of().parseHex("080112016b1a01622a020807"));
    assertEquals(new CommitLogRecord.Delete("b", "k", 7, ObjectInfo.NULL_VERSION), CommitLogCodec.decode(v1));
  }

  @Test
  void refusesUnknownVersionsAndGarbage() {
    Buffer v2 = Buffer.buffer(CommitLogRecordMsg.newBuilder().setFormatVersion(2).setKey("k").build().toByteArray());
    assertThrows(PartitionException.class, () -> CommitLogCodec.decode(v2));
    assertThrows(PartitionException.class, () -> CommitLogCodec.decode(Buffer.buffer(new byte[] {(byte) 0xff, 1})));
  }
}

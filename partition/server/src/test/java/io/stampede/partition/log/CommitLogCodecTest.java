package io.stampede.partition.log;

import static io.stampede.partition.log.CommitLogFormatV1.EPOCH;
import static io.stampede.partition.log.CommitLogFormatV1.HEX;
import static io.stampede.partition.log.CommitLogFormatV1.RECORDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stampede.common.id.ExtentId;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.PartitionException;
import io.stampede.proto.storage.CommitLogRecordMsg;
import com.google.protobuf.InvalidProtocolBufferException;
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
  void readsRecordsOfEveryKindAsFormatVersion1WroteThem() {
    for (int i = 0; i < RECORDS.size(); i++) {
      Buffer v1 = Buffer.buffer(HexFormat.of().parseHex(HEX.get(i)));
      assertEquals(new CommitLogCodec.Logged(EPOCH, RECORDS.get(i)), CommitLogCodec.decodeLogged(v1),
          "record " + i);
    }
  }

  @Test
  void writesRecordsOfEveryKindAsFormatVersion1Did() throws InvalidProtocolBufferException {
    // The same fields and values (map entries come in any order), so a build reading only the
    // first storage messages reads what this one writes, and nothing of the old bytes is left unread.
    for (int i = 0; i < RECORDS.size(); i++) {
      CommitLogRecordMsg written = CommitLogRecordMsg.parseFrom(CommitLogCodec.encode(RECORDS.get(i), EPOCH).getBytes());
      CommitLogRecordMsg v1 = CommitLogRecordMsg.parseFrom(HexFormat.of().parseHex(HEX.get(i)));
      assertEquals(v1, written, "record " + i);
      assertEquals(0, v1.getUnknownFields().asMap().size(), "record " + i);
    }
  }

  @Test
  void recordsOfEveryKindRoundTrip() {
    long epoch = 0;
    for (CommitLogRecord r : RECORDS) {
      epoch += 7;
      assertEquals(new CommitLogCodec.Logged(epoch, r), CommitLogCodec.decodeLogged(CommitLogCodec.encode(r, epoch)));
    }
  }

  @Test
  void refusesUnknownVersionsAndGarbage() {
    Buffer v2 = Buffer.buffer(CommitLogRecordMsg.newBuilder().setFormatVersion(2).setKey("k").build().toByteArray());
    assertThrows(PartitionException.class, () -> CommitLogCodec.decode(v2));
    assertThrows(PartitionException.class, () -> CommitLogCodec.decode(Buffer.buffer(new byte[] {(byte) 0xff, 1})));
  }
}

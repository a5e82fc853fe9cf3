package io.stampede.stream.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReceivedRecordsTest {
  private static Buffer records(List<Buffer> blocks) {
    Buffer all = Buffer.buffer();
    for (Buffer b : blocks) {
      all.appendBuffer(BlockTransfer.recordHeader(b)).appendBuffer(b);
    }
    return all;
  }

  private static ReceivedRecords feed(Buffer all, int piece, int recordMax, long bytesMax) {
    ReceivedRecords r = new ReceivedRecords("test", recordMax, bytesMax);
    for (int at = 0; at < all.length(); at += piece) {
      r.add(all.slice(at, Math.min(all.length(), at + piece)));
    }
    return r;
  }

  @Test
  void manyRecordsOfAnySizeInPiecesOfAnySize() {
    Random random = new Random(4);
    List<Buffer> blocks = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      byte[] b = new byte[i % 5 == 0 ? 0 : random.nextInt(3000)];
      random.nextBytes(b);
      blocks.add(Buffer.buffer(b));
    }
    Buffer all = records(blocks);
    for (int piece : new int[] {1, 5, 8, 13, 4096, all.length()}) {
      assertEquals(blocks, feed(all, piece, 3000, all.length()).blocks(), "pieces of " + piece);
    }
  }

  @Test
  void boundsAndDamageAreRefused() {
    Buffer all = records(List.of(Buffer.buffer(new byte[100]), Buffer.buffer(new byte[200])));
    StreamErrorCode tooBig = assertThrows(StreamException.class, () -> feed(all, 50, 199, 1000)).code();
    assertEquals(StreamErrorCode.TOO_LARGE, tooBig);
    assertEquals(StreamErrorCode.TOO_LARGE, assertThrows(StreamException.class,
        () -> feed(all, 50, 1000, all.length() - 1)).code());
    Buffer cut = all.slice(0, all.length() - 1);
    assertEquals(StreamErrorCode.CORRUPT, assertThrows(StreamException.class,
        () -> feed(cut, 50, 1000, 1000).blocks()).code());
    Buffer damaged = all.copy();
    damaged.setByte(8 + 100 + 8 + 5, (byte) 1);
    assertEquals(StreamErrorCode.CORRUPT, assertThrows(StreamException.class,
        () -> feed(damaged, 50, 1000, 1000)).code());
  }
}

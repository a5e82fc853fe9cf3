package io.stampede.stream.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.ExtentId;
import io.stampede.stream.api.AppendResult;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockTransferTest {
  /** The pointer a server reads back from the URI a reader sends (path decoded as a server does). */
  private static ExtentPointer roundTrip(ExtentPointer pointer) {
    URI uri = URI.create(BlockTransfer.uri(pointer));
    String[] query = uri.getRawQuery().split("&");
    return BlockTransfer.pointer(uri.getRawPath(), query[0].substring("offset=".length()),
        query[1].substring("length=".length()));
  }

  @Test
  void aPointerSurvivesTheUriWhateverItsExtentId() {
    for (String id : new String[] {"p1-blobs-7", "a b/c?d&e=%", "ünïcode"}) {
      ExtentPointer p = new ExtentPointer(ExtentId.of(id), 123_456_789_012L, 1 << 20);
      assertEquals(p, roundTrip(p));
      assertTrue(BlockTransfer.isBlockPath(URI.create(BlockTransfer.uri(p)).getRawPath()));
    }
  }

  @Test
  void malformedRequestsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> BlockTransfer.pointer("/blocks/e", "x", "1"));
    assertThrows(IllegalArgumentException.class, () -> BlockTransfer.pointer("/blocks/e", "-1", "1"));
    assertThrows(IllegalArgumentException.class, () -> BlockTransfer.pointer("/blocks/e", "0", "-1"));
    assertThrows(IllegalArgumentException.class, () -> BlockTransfer.pointer("/blocks/e", null, "1"));
    assertThrows(IllegalArgumentException.class, () -> BlockTransfer.pointer("/blocks/", "0", "1"));
    assertThrows(IllegalArgumentException.class, () -> BlockTransfer.pointer("/other/e", "0", "1"));
  }

  @Test
  void aWriteAnswerCarriesTheLengthAndEveryOffset() {
    AppendResult r = new AppendResult(List.of(0L, 108L, 1L << 40), (1L << 40) + 9);
    assertEquals(r, BlockTransfer.appended(BlockTransfer.appended(r)));
    assertEquals(new AppendResult(List.of(), 5), BlockTransfer.appended(BlockTransfer.appended(new AppendResult(List.of(), 5))));
    assertThrows(StreamException.class, () -> BlockTransfer.appended(Buffer.buffer("1234567")));
    assertThrows(StreamException.class, () -> BlockTransfer.appended(Buffer.buffer()));
    assertEquals("/blocks/e%2F1?epoch=3", BlockTransfer.writeUri(ExtentId.of("e/1"), 3, -1));
    assertEquals("/blocks/e?epoch=3&offset=0", BlockTransfer.writeUri(ExtentId.of("e"), 3, 0));
    assertEquals(ExtentId.of("e/1"), BlockTransfer.extent("/blocks/e%2F1"));
  }

  @Test
  void errorCodesTravelAsStatusAndName() {
    assertEquals(404, BlockTransfer.status(StreamErrorCode.NOT_FOUND));
    assertEquals(416, BlockTransfer.status(StreamErrorCode.OFFSET_MISMATCH));
    assertEquals(503, BlockTransfer.status(StreamErrorCode.UNAVAILABLE));
    assertEquals(409, BlockTransfer.status(StreamErrorCode.FENCED));
    assertEquals(413, BlockTransfer.status(StreamErrorCode.TOO_LARGE));
    assertEquals(400, BlockTransfer.status(StreamErrorCode.CORRUPT));
    assertEquals(500, BlockTransfer.status(StreamErrorCode.INTERNAL));
    for (StreamErrorCode c : StreamErrorCode.values()) {
      assertEquals(c, BlockTransfer.code(c.name()));
    }
    assertEquals(StreamErrorCode.INTERNAL, BlockTransfer.code(null));
    assertEquals(StreamErrorCode.INTERNAL, BlockTransfer.code("SOMETHING_ELSE"));
  }
}

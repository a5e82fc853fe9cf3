package io.stampede.frontend.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stampede.common.key.ByteRange;
import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObjectHeadersTest {
  @Test
  void storesSystemHeadersWithoutAwsChunked() {
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Content-Encoding", "aws-chunked, gzip")
        .add("Cache-Control", "no-cache").add("X-Amz-Meta-Color", "blue").add("x-amz-meta-", "ignored")
        .add("Authorization", "secret");
    assertEquals(Map.of("Content-Encoding", "gzip", "Cache-Control", "no-cache"), ObjectHeaders.storedHeaders(h));
    assertEquals(Map.of("color", "blue"), ObjectHeaders.userMetadata(h));
    assertEquals(Map.of(), ObjectHeaders.storedHeaders(MultiMap.caseInsensitiveMultiMap().add("Content-Encoding", "aws-chunked")));
    assertEquals("\"abc\"", ObjectHeaders.quote("abc"));
  }

  @Test
  void rangesAsS3ParsesThem() {
    assertEquals(Optional.of(ByteRange.fromTo(0, 9)), ByteRange.parse("bytes=0-9"));
    assertEquals(Optional.of(ByteRange.suffix(5)), ByteRange.parse("bytes=-5"));
    assertEquals(Optional.of(ByteRange.from(7)), ByteRange.parse("bytes=7-"));
    for (String ignored : new String[] {"bytes=9-0", "bytes=0-1,3-4", "items=0-1", "bytes=x-1", "bytes=-"}) {
      assertEquals(Optional.empty(), ByteRange.parse(ignored), ignored);
    }
    assertEquals(Optional.empty(), ByteRange.fromTo(10, 20).resolve(10));
    assertEquals(new ByteRange.Span(5, 9), ByteRange.from(5).resolve(10).orElseThrow());
    assertEquals(new ByteRange.Span(8, 9), ByteRange.fromTo(8, 100).resolve(10).orElseThrow());
  }
}

package io.stampede.common.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void parsesTheThreeForms() {
    assertEquals(Optional.of(ByteRange.fromTo(0, 9)), ByteRange.parse("bytes=0-9"));
    assertEquals(Optional.of(ByteRange.from(5)), ByteRange.parse("bytes=5-"));
    assertEquals(Optional.of(ByteRange.suffix(3)), ByteRange.parse("bytes=-3"));
  }

  @Test
  void ignoresWhatS3Ignores() {
    assertTrue(ByteRange.parse("bytes=9-1").isEmpty());
    assertTrue(ByteRange.parse("bytes=0-1,4-5").isEmpty());
    assertTrue(ByteRange.parse("items=0-1").isEmpty());
    assertTrue(ByteRange.parse("bytes=a-b").isEmpty());
    assertTrue(ByteRange.parse("bytes=-").isEmpty());
  }

  @Test
  void ignoresSignedNumbersInsteadOfMakingNegativeSpans() {
    assertTrue(ByteRange.parse("bytes=--1").isEmpty());
    assertTrue(ByteRange.parse("bytes=--5").isEmpty());
    assertTrue(ByteRange.parse("bytes=+1-5").isEmpty());
    assertTrue(ByteRange.parse("bytes=0-+5").isEmpty());
  }

  @Test
  void resolvesAgainstTheObjectSize() {
    assertEquals(new ByteRange.Span(0, 9), ByteRange.fromTo(0, 100).resolve(10).orElseThrow());
    assertEquals(new ByteRange.Span(7, 9), ByteRange.suffix(3).resolve(10).orElseThrow());
    assertEquals(new ByteRange.Span(0, 9), ByteRange.suffix(30).resolve(10).orElseThrow());
    assertEquals(new ByteRange.Span(4, 9), ByteRange.from(4).resolve(10).orElseThrow());
    assertTrue(ByteRange.from(10).resolve(10).isEmpty());
    assertTrue(ByteRange.suffix(0).resolve(10).isEmpty());
    assertTrue(ByteRange.fromTo(0, 0).resolve(0).isEmpty());
  }
}

package io.stampede.common.key;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyRangeTest {
  @Test
  void containsIsHalfOpen() {
    KeyRange r = KeyRange.of("b", "d");
    assertTrue(r.contains("b"));
    assertTrue(r.contains("c/zzz"));
    assertFalse(r.contains("d"));
    assertFalse(r.contains("a"));
    assertTrue(KeyRange.ALL.contains(""));
    assertTrue(KeyRange.of("m", "").contains("\uFFFF"));
  }

  @Test
  void overlapsWhenTheyShareAKey() {
    KeyRange bd = KeyRange.of("b", "d");
    assertTrue(bd.overlaps(KeyRange.of("c", "e")));
    assertTrue(bd.overlaps(KeyRange.of("a", "c")));
    assertTrue(bd.overlaps(KeyRange.ALL));
    assertTrue(KeyRange.of("c", "").overlaps(bd));
    assertFalse(bd.overlaps(KeyRange.of("d", "")), "half-open: d is not in [b, d)");
    assertFalse(bd.overlaps(KeyRange.of("", "b")));
  }

  @Test
  void ordersByUtf8BytesNotUtf16() {
    // U+FF21 (3 UTF-8 bytes, EF BC A1) sorts before U+1F600 (4 bytes, F0 ...) by bytes,
    // but after it in UTF-16 order (the emoji is a surrogate pair starting D83D).
    String fullwidthA = "\uFF21";
    String emoji = "\uD83D\uDE00";
    assertTrue(IndexKey.compare(fullwidthA, emoji) < 0);
    assertTrue(fullwidthA.compareTo(emoji) > 0);
  }

  @Test
  void rejectsEmptyRanges() {
    assertThrows(IllegalArgumentException.class, () -> KeyRange.of("b", "b"));
    assertThrows(IllegalArgumentException.class, () -> KeyRange.of("c", "b"));
  }
}

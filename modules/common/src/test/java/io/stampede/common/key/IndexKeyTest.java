package io.stampede.common.key;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IndexKeyTest {
  private static final int[] CODE_POINTS = {'a', 'z', '/', '0', 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD,
      0xFFFF, 0x10000, 0x1F600, 0x10FFFF};

  private static String random(Random r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      b.appendCodePoint(CODE_POINTS[r.nextInt(CODE_POINTS.length)]);
    }
    return b.toString();
  }

  @Test
  void ordersAsUtf8BytesDo() {
    Random r = new Random(11);
    for (int i = 0; i < 200_000; i++) {
      String a = random(r);
      String b = random(r);
      int bytes = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
          b.getBytes(StandardCharsets.UTF_8)));
      assertEquals(bytes, Integer.signum(IndexKey.compare(a, b)), () -> a + " vs " + b);
    }
  }

  @Test
  void aSupplementaryCharacterSortsAfterTheTopOfTheBasicPlane() {
    String emoji = new String(Character.toChars(0x1F600));
    assertEquals(1, Integer.signum(IndexKey.compare(emoji, "\uFFFD")));
    assertEquals(1, Integer.signum("\uFFFD".compareTo(emoji)), "String order says otherwise");
    assertEquals(-1, Integer.signum(IndexKey.compare("b/a", "b/a\u0000")));
  }
}

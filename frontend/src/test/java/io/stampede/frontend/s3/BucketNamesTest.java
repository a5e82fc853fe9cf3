package io.stampede.frontend.s3;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BucketNamesTest {
  @Test
  void acceptsS3Names() {
    for (String ok : new String[] {"abc", "my-bucket", "my.bucket.name", "a1b", "0bucket9", "a".repeat(63)}) {
      assertTrue(BucketNames.valid(ok), ok);
    }
  }

  @Test
  void rejectsBadNames() {
    String[] bad = {"ab", "a".repeat(64), "Abc", "my_bucket", "-abc", "abc-", ".abc", "abc.", "a..b", "a.-b", "a-.b",
      "192.168.1.1", "xn--abc", "abc-s3alias", "sthree-abc", "abc--ol-s3", "a b", "a/b", ""};
    for (String b : bad) {
      assertFalse(BucketNames.valid(b), b);
    }
    assertFalse(BucketNames.valid(null));
  }
}

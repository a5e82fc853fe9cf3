package io.stampede.location.api.bucket;

import java.util.Collection;
import java.util.Map;

/** Rough in-memory sizes of settings, so caches of bucket records can be bounded by bytes. */
final class Sizes {
  static final int OBJECT_BYTES = 32;

  private Sizes() {}

  static long of(String s) {
    return s == null ? 0 : OBJECT_BYTES + 2L * s.length();
  }

  static long of(Collection<String> strings) {
    long n = OBJECT_BYTES;
    for (String s : strings) {
      n += of(s);
    }
    return n;
  }

  static long of(Map<String, String> map) {
    long n = OBJECT_BYTES;
    for (Map.Entry<String, String> e : map.entrySet()) {
      n += OBJECT_BYTES + of(e.getKey()) + of(e.getValue());
    }
    return n;
  }
}

package io.stampede.location.api.bucket;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Immutable copies of maps that keep the order clients sent (S3 answers in that order). */
final class Ordered {
  private Ordered() {}

  static Map<String, String> copy(Map<String, String> map) {
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new NullPointerException("null tag key or value");
      }
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}

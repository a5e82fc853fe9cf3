package io.stampede.common.key;

import java.util.Objects;

/**
 * A contiguous range {@code [low, high)} of the stamp's key space. Keys are index keys
 * ({@link IndexKey}) compared by their UTF-8 bytes; {@code low = ""} is the start of the key
 * space and {@code high = ""} means "to the end".
 */
public record KeyRange(String low, String high) {
  public static final KeyRange ALL = new KeyRange("", "");

  public KeyRange {
    Objects.requireNonNull(low, "low");
    Objects.requireNonNull(high, "high");
    if (!high.isEmpty() && IndexKey.compare(low, high) >= 0) {
      throw new IllegalArgumentException("empty range [" + low + ", " + high + ")");
    }
  }

  public static KeyRange of(String low, String high) {
    return new KeyRange(low, high);
  }

  public boolean unboundedAbove() {
    return high.isEmpty();
  }

  public boolean contains(String key) {
    return IndexKey.compare(key, low) >= 0 && (unboundedAbove() || IndexKey.compare(key, high) < 0);
  }

  @Override
  public String toString() {
    return "[" + low + ", " + (unboundedAbove() ? "+inf" : high) + ")";
  }
}

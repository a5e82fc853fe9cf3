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

  /** Whether the two ranges share a key. */
  public boolean overlaps(KeyRange other) {
    boolean startsBeforeOtherEnds = other.unboundedAbove() || IndexKey.compare(low, other.high) < 0;
    boolean otherStartsBeforeThisEnds = unboundedAbove() || IndexKey.compare(other.low, high) < 0;
    return startsBeforeOtherEnds && otherStartsBeforeThisEnds;
  }

  @Override
  public String toString() {
    return "[" + low + ", " + (unboundedAbove() ? "+inf" : high) + ")";
  }
}

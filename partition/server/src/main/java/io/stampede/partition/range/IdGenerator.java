package io.stampede.partition.range;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Version ids and upload ids: 32 characters of [0-9a-v], the first 10 from the clock (so ids of
 * one key made later tend to sort later, which nothing relies on) and 22 random, unique across
 * partition servers without coordination. Thread-safe.
 */
public final class IdGenerator {
  private static final char[] DIGITS = "0123456789abcdefghijklmnopqrstuv".toCharArray();
  private final Clock clock;
  private final RandomGenerator random;

  public IdGenerator(Clock clock, RandomGenerator random) {
    this.clock = clock;
    this.random = random;
  }

  public synchronized String next() {
    char[] id = new char[32];
    long t = clock.millis();
    for (int i = 9; i >= 0; i--) {
      id[i] = DIGITS[(int) (t & 31)];
      t >>>= 5;
    }
    for (int i = 10; i < 32; i++) {
      id[i] = DIGITS[random.nextInt(32)];
    }
    return new String(id);
  }
}

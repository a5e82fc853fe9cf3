package io.stampede.bench;

/** What a workload's figure counts per second. */
enum Unit {
  /** Requests completed. */
  OPS("ops/s"),
  /** Object bytes moved, in MiB. */
  MIB("MiB/s"),
  /** Keys listed. */
  KEYS("keys/s");

  private final String label;

  Unit(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /** The figure for {@code amount} (ops, bytes or keys) done in {@code nanos}. */
  double rate(long amount, long nanos) {
    if (nanos <= 0) {
      return Double.NaN;
    }
    double perSecond = amount * 1e9 / nanos;
    return this == MIB ? perSecond / (1 << 20) : perSecond;
  }
}

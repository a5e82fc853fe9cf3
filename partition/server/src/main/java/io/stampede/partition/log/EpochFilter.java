package io.stampede.partition.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, record by record in log order, which commit-log records a replay applies: a record
 * whose writer's owner epoch is below one seen earlier in the same log was written by a writer
 * that had already lost the log to a newer owner, so it was never acknowledged and is skipped.
 * Fencing in the stream layer keeps such records out of the log in the first place; this is the
 * second line. Not thread-safe: one per replay.
 */
public final class EpochFilter {
  private static final Logger log = LoggerFactory.getLogger(EpochFilter.class);

  private final String name;
  private long highest;
  private long skipped;

  /** {@code name} prefixes the log line of a skipped record. */
  public EpochFilter(String name) {
    this.name = name;
  }

  /** Whether to apply a record of {@code epoch}, the next one in log order. */
  public boolean admits(long epoch) {
    if (epoch < highest) {
      skipped++;
      log.warn("{} skips a commit-log record of epoch {} written after epoch {} began", name, epoch, highest);
      return false;
    }
    highest = epoch;
    return true;
  }

  /** How many records were skipped so far. */
  public long skipped() {
    return skipped;
  }
}

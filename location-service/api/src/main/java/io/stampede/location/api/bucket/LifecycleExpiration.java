package io.stampede.location.api.bucket;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * When current object versions expire: {@code days} after creation, or on {@code date} (midnight
 * UTC), or, with {@code expiredObjectDeleteMarker}, whether a delete marker with no noncurrent
 * versions behind it is removed. Exactly one of the three is present.
 */
public record LifecycleExpiration(
    OptionalInt days, Optional<LocalDate> date, Optional<Boolean> expiredObjectDeleteMarker) {
  public LifecycleExpiration {
    Objects.requireNonNull(days, "days");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(expiredObjectDeleteMarker, "expiredObjectDeleteMarker");
    int present = (days.isPresent() ? 1 : 0) + (date.isPresent() ? 1 : 0)
        + (expiredObjectDeleteMarker.isPresent() ? 1 : 0);
    if (present != 1 || days.orElse(1) < 1) {
      throw new IllegalArgumentException("an expiration has exactly one of positive days, date, marker flag");
    }
  }

  public static LifecycleExpiration afterDays(int days) {
    return new LifecycleExpiration(OptionalInt.of(days), Optional.empty(), Optional.empty());
  }

  public static LifecycleExpiration onDate(LocalDate date) {
    return new LifecycleExpiration(OptionalInt.empty(), Optional.of(date), Optional.empty());
  }
}

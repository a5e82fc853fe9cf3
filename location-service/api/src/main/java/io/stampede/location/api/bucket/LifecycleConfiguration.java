package io.stampede.location.api.bucket;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A bucket's lifecycle rules, 1 to {@link #RULES_MAX} of them with distinct ids. */
public record LifecycleConfiguration(List<LifecycleRule> rules) {
  /** S3's limit on rules per configuration. */
  public static final int RULES_MAX = 1000;

  public LifecycleConfiguration {
    rules = List.copyOf(rules);
    if (rules.isEmpty() || rules.size() > RULES_MAX) {
      throw new IllegalArgumentException("a lifecycle configuration has 1.." + RULES_MAX + " rules");
    }
    Set<String> ids = new HashSet<>();
    for (LifecycleRule r : rules) {
      if (!ids.add(r.id())) {
        throw new IllegalArgumentException("duplicate lifecycle rule id " + r.id());
      }
    }
  }

  long estimatedBytes() {
    return Sizes.OBJECT_BYTES + rules.stream().mapToLong(LifecycleRule::estimatedBytes).sum();
  }
}

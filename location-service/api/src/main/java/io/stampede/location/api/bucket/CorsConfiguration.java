package io.stampede.location.api.bucket;

import java.util.List;

/** A bucket's CORS rules, in the order they are evaluated (the first that matches applies). */
public record CorsConfiguration(List<CorsRule> rules) {
  /** S3's limit on rules per configuration. */
  public static final int RULES_MAX = 100;

  public CorsConfiguration {
    rules = List.copyOf(rules);
    if (rules.isEmpty() || rules.size() > RULES_MAX) {
      throw new IllegalArgumentException("a CORS configuration has 1.." + RULES_MAX + " rules");
    }
  }

  long estimatedBytes() {
    return Sizes.OBJECT_BYTES + rules.stream().mapToLong(CorsRule::estimatedBytes).sum();
  }
}

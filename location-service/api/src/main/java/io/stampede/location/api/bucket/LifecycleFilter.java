package io.stampede.location.api.bucket;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Which objects a lifecycle rule applies to: keys starting with {@code prefix} ("" for all) that
 * carry every one of {@code tags} and whose size is strictly between the optional bounds.
 * {@code form} remembers how the client wrote it, so that GetBucketLifecycleConfiguration returns
 * the same document: the rule's own {@code <Prefix>} (the old form) or a {@code <Filter>} with
 * nothing, a prefix, a tag, a size bound, or an {@code <And>}.
 */
public record LifecycleFilter(
    Form form, String prefix, Map<String, String> tags, OptionalLong sizeGreaterThan, OptionalLong sizeLessThan) {
  /** The shapes of S3's filter. */
  public enum Form { RULE_PREFIX, EMPTY, PREFIX, TAG, SIZE_GREATER_THAN, SIZE_LESS_THAN, AND }

  public LifecycleFilter {
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(sizeGreaterThan, "sizeGreaterThan");
    Objects.requireNonNull(sizeLessThan, "sizeLessThan");
    tags = Ordered.copy(tags);
  }

  /** The old form: {@code <Prefix>} directly in the rule. */
  public static LifecycleFilter rulePrefix(String prefix) {
    return new LifecycleFilter(Form.RULE_PREFIX, prefix, Map.of(), OptionalLong.empty(), OptionalLong.empty());
  }

  /** {@code <Filter><Prefix>prefix</Prefix></Filter>}. */
  public static LifecycleFilter prefix(String prefix) {
    return new LifecycleFilter(Form.PREFIX, prefix, Map.of(), OptionalLong.empty(), OptionalLong.empty());
  }

  public boolean matches(String key, Map<String, String> objectTags, long size) {
    if (!key.startsWith(prefix)) {
      return false;
    }
    for (Map.Entry<String, String> t : tags.entrySet()) {
      if (!t.getValue().equals(objectTags.get(t.getKey()))) {
        return false;
      }
    }
    return (sizeGreaterThan.isEmpty() || size > sizeGreaterThan.getAsLong())
        && (sizeLessThan.isEmpty() || size < sizeLessThan.getAsLong());
  }

  long estimatedBytes() {
    return Sizes.OBJECT_BYTES + Sizes.of(prefix) + Sizes.of(tags);
  }
}

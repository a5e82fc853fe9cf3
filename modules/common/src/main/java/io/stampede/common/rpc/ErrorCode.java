package io.stampede.common.rpc;

import java.util.Optional;

/**
 * An error code of one layer of the stamp. Each layer has one enum implementing this; its
 * constant names travel over gRPC, so renaming a constant is a wire change.
 */
public interface ErrorCode {
  String name();

  /** Whether the same request may succeed if retried (after refreshing routing information). */
  boolean retriable();

  /** The code of {@code type} called {@code name} (as it travels), if any. */
  static <E extends Enum<E> & ErrorCode> Optional<E> named(Class<E> type, String name) {
    for (E c : type.getEnumConstants()) {
      if (c.name().equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}

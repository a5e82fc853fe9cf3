package io.stampede.common.rpc;

/**
 * An error code of one layer of the stamp. Each layer has one enum implementing this; its
 * constant names travel over gRPC, so renaming a constant is a wire change.
 */
public interface ErrorCode {
  String name();

  /** Whether the same request may succeed if retried (after refreshing routing information). */
  boolean retriable();
}

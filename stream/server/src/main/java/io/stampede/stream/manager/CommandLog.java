package io.stampede.stream.manager;

import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Where the stream manager makes a metadata change durable before applying it: the local
 * {@link MetadataJournal} now; a Raft log of the same commands in issue 3.
 */
@FunctionalInterface
public interface CommandLog {
  /** Completes once {@code command} is durable. */
  Future<Void> append(StreamCommand command);

  /** Appends to {@code journal} on a worker thread, never the event loop. */
  static CommandLog of(Vertx vertx, MetadataJournal journal) {
    return command -> vertx.<Void>executeBlocking(() -> {
      journal.append(command);
      return null;
    }, true).recover(t -> Future.failedFuture(
        new StreamException(StreamErrorCode.INTERNAL, "stream-manager journal: " + t, t)));
  }
}

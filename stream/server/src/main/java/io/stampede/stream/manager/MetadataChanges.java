package io.stampede.stream.manager;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * The one way the stream manager changes its metadata: changes run one at a time in call order
 * ({@link #serialized}); each command is made durable in the {@link CommandLog} and then applied
 * to {@link StreamMetadata}. Reads take a consistent snapshot. Moving the manager onto Raft swaps
 * the command log and leaves this seam as it is.
 */
final class MetadataChanges {
  private final StreamMetadata metadata;
  private final CommandLog commandLog;
  private Future<Void> tail = Future.succeededFuture();

  MetadataChanges(StreamMetadata metadata, CommandLog commandLog) {
    this.metadata = metadata;
    this.commandLog = commandLog;
  }

  /** Makes {@code command} durable, then applies it. Call inside {@link #serialized}. */
  Future<Void> commit(StreamCommand command) {
    return commandLog.append(command).map(v -> {
      synchronized (metadata) {
        metadata.apply(command);
      }
      return null;
    });
  }

  /** Runs {@code query} against a consistent view of the metadata. */
  <T> T read(java.util.function.Function<StreamMetadata, T> query) {
    synchronized (metadata) {
      return query.apply(metadata);
    }
  }

  /** Runs metadata changes one at a time, in call order. */
  synchronized <T> Future<T> serialized(Supplier<Future<T>> change) {
    Future<T> result = tail.transform(ignored -> {
      try {
        return change.get();
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    });
    tail = result.transform(ignored -> Future.succeededFuture());
    return result;
  }
}

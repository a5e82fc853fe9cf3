package io.stampede.stream.testing;

import io.stampede.stream.manager.MetadataStore;
import io.stampede.stream.manager.StreamCommand;
import io.stampede.stream.manager.StreamMetadata;
import io.vertx.core.Future;
import java.util.function.Function;

/**
 * Metadata in memory, applied at once: a Raft group that never loses its leader. It outlives the
 * managers built on it, as the replicated metadata outlives a leader.
 */
public final class InMemoryMetadataStore implements MetadataStore {
  private final StreamMetadata metadata = new StreamMetadata();

  @Override
  public synchronized Future<Void> commit(StreamCommand command) {
    try {
      metadata.apply(command);
      return Future.succeededFuture();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public synchronized <T> T read(Function<StreamMetadata, T> query) {
    return query.apply(metadata);
  }

  @Override
  public Future<Void> sync() {
    return Future.succeededFuture();
  }
}

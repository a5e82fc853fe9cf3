package io.stampede.stream.manager;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * The one way the stream manager changes its metadata: changes run one at a time in call order
 * ({@link #serialized}), each starting after a read barrier ({@link MetadataStore#sync()}), so it
 * decides on every command committed before it, a previous leader's included; each command is
 * committed to the {@link MetadataStore}, which applies it. Reads take a consistent snapshot.
 */
final class MetadataChanges {
  private final MetadataStore store;
  private Future<Void> tail = Future.succeededFuture();

  MetadataChanges(MetadataStore store) {
    this.store = store;
  }

  /** Makes {@code command} durable and applies it. Call inside {@link #serialized}. */
  Future<Void> commit(StreamCommand command) {
    return store.commit(command);
  }

  /** Runs {@code query} against a consistent view of the metadata. */
  <T> T read(java.util.function.Function<StreamMetadata, T> query) {
    return store.read(query);
  }

  /** Completes once reads see every command committed so far. */
  Future<Void> sync() {
    return store.sync();
  }

  /** Runs metadata changes one at a time, in call order, each after a read barrier. */
  synchronized <T> Future<T> serialized(Supplier<Future<T>> change) {
    Future<T> result = tail.transform(ignored -> store.sync()).transform(synced -> {
      if (synced.failed()) {
        return Future.failedFuture(synced.cause());
      }
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

package io.stampede.stream.manager;

import io.vertx.core.Future;
import java.util.function.Function;

/**
 * Where the stream manager keeps its {@link StreamMetadata}: {@link RaftMetadataStore} (the
 * metadata replicated by the stream manager's Raft group) in the stamp, an in-memory one in unit
 * tests. A command is durable (committed by a majority) and applied before {@link #commit}
 * completes; a refused one fails it.
 */
public interface MetadataStore {
  /** Completes once {@code command} is durable and applied to the metadata {@link #read} sees. */
  Future<Void> commit(StreamCommand command);

  /** Runs {@code query} against a consistent view of the metadata as this peer applied it. */
  <T> T read(Function<StreamMetadata, T> query);

  /** Completes once {@link #read} sees every command committed before the call (a linearizable read barrier). */
  Future<Void> sync();
}

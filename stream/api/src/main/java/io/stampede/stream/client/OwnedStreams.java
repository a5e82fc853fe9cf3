package io.stampede.stream.client;

import io.stampede.common.id.StreamId;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamClient;
import io.stampede.stream.api.StreamWriter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams one owner writes (a range partition while one server holds it, a rebuild): each
 * claimed once, right before its first write, and written through that claim's writer from then
 * on. A claim that fails is tried again by the next write. Thread-safe.
 */
public final class OwnedStreams {
  private final StreamClient streams;
  private final Map<StreamId, Future<StreamWriter>> writers = new ConcurrentHashMap<>();

  public OwnedStreams(StreamClient streams) {
    this.streams = streams;
  }

  /** The stream layer these streams live in (for reads). */
  public StreamClient client() {
    return streams;
  }

  /** This owner's writer of {@code stream}, claiming it on first use. */
  public Future<StreamWriter> writer(StreamId stream) {
    Future<StreamWriter> claim = writers.computeIfAbsent(stream, streams::claim);
    claim.onFailure(t -> writers.remove(stream, claim));
    return claim;
  }

  /** Appends through this owner's writer of {@code stream} ({@link StreamWriter#append}). */
  public Future<List<ExtentPointer>> append(StreamId stream, List<Buffer> blocks) {
    return writer(stream).compose(w -> w.append(blocks));
  }
}

package io.stampede.partition.testkit;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.StreamId;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamClient;
import io.stampede.stream.api.StreamWriter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A stream client whose appends to chosen streams wait until released (the append itself
 * happens on release, in order), so a test can hold writes in flight; with {@link #holdReads}
 * its reads wait too, to be answered one by one in any order.
 */
public final class GatedStreamClient implements StreamClient {
  private final StreamClient delegate;
  private final List<Runnable> held = new ArrayList<>();
  private Predicate<StreamId> gated = s -> false;
  private final List<HeldRead> heldReads = new ArrayList<>();
  private boolean readsHeld;

  /** A read waiting for {@link #answer}. */
  public record HeldRead(ExtentPointer pointer, Promise<Buffer> answer) {}

  public GatedStreamClient(StreamClient delegate) {
    this.delegate = delegate;
  }

  public synchronized void hold(Predicate<StreamId> streams) {
    this.gated = streams;
  }

  public synchronized int heldCount() {
    return held.size();
  }

  /** Stops holding and runs every held append in order. */
  public void release() {
    List<Runnable> run;
    synchronized (this) {
      gated = s -> false;
      run = List.copyOf(held);
      held.clear();
    }
    run.forEach(Runnable::run);
  }

  @Override
  public Future<StreamWriter> claim(StreamId stream) {
    return delegate.claim(stream).map(w -> new StreamWriter() {
      @Override
      public StreamId stream() {
        return stream;
      }

      @Override
      public long epoch() {
        return w.epoch();
      }

      @Override
      public Future<List<ExtentPointer>> append(List<Buffer> blocks) {
        return GatedStreamClient.this.append(w, blocks);
      }

      @Override
      public Future<StreamInfo> drop(List<ExtentId> extents) {
        return w.drop(extents);
      }
    });
  }

  private synchronized Future<List<ExtentPointer>> append(StreamWriter writer, List<Buffer> blocks) {
    if (!gated.test(writer.stream())) {
      return writer.append(blocks);
    }
    Promise<List<ExtentPointer>> p = Promise.promise();
    held.add(() -> writer.append(blocks).onComplete(p));
    return p.future();
  }

  /** From now on reads wait (in {@link #heldReads}) until answered one by one. */
  public synchronized void holdReads() {
    readsHeld = true;
  }

  /** The reads waiting now, in the order they were asked. */
  public synchronized List<HeldRead> heldReads() {
    return List.copyOf(heldReads);
  }

  /** Answers {@code read} from the stream (or with {@code failure} when not null). */
  public void answer(HeldRead read, Throwable failure) {
    synchronized (this) {
      heldReads.remove(read);
    }
    if (failure != null) {
      read.answer().fail(failure);
    } else {
      delegate.read(read.pointer()).onComplete(read.answer());
    }
  }

  @Override
  public Future<Buffer> read(ExtentPointer pointer) {
    synchronized (this) {
      if (readsHeld) {
        HeldRead held = new HeldRead(pointer, Promise.promise());
        heldReads.add(held);
        return held.answer().future();
      }
    }
    return delegate.read(pointer);
  }

  @Override
  public Future<StreamInfo> describe(StreamId stream) {
    return delegate.describe(stream);
  }

  @Override
  public Future<Void> replay(StreamId stream, ExtentPointer after, Handler<StreamRecord> handler) {
    return delegate.replay(stream, after, handler);
  }

  @Override
  public Future<Void> deleteStream(StreamId stream) {
    return delegate.deleteStream(stream);
  }

  @Override
  public int blockBytesMax() {
    return delegate.blockBytesMax();
  }
}

package io.stampede.frontend.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.ByteArrayOutputStream;

/** Drains a ReadStream synchronously (for streams that emit inline) and records how it ended. */
public final class Collected {
  public final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  public Throwable failure;
  public boolean ended;

  public static Collected drain(ReadStream<Buffer> stream) {
    Collected c = new Collected();
    stream.exceptionHandler(t -> c.failure = t);
    stream.endHandler(v -> c.ended = true);
    stream.handler(b -> c.bytes.writeBytes(b.getBytes()));
    return c;
  }
}

package io.stampede.partition.api;

import io.stampede.common.key.ByteRange;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * An object being read: its metadata, the span of bytes that {@code body} delivers (the whole
 * object unless {@code partial}), and the bytes themselves as a paused-capable stream in
 * bounded chunks. The reader must consume or cancel {@code body}.
 */
public record ObjectRead(ObjectInfo info, ByteRange.Span span, boolean partial, ReadStream<Buffer> body) {}

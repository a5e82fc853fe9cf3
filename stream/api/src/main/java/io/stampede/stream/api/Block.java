package io.stampede.stream.api;

import io.vertx.core.buffer.Buffer;

/** A block read back from an extent, its checksum already verified. */
public record Block(long offset, Buffer data) {}

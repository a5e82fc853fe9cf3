package io.stampede.stream.api;

import io.stampede.common.id.ExtentId;

/**
 * Where one appended block lives: the extent, the block's offset in it, and the payload length.
 * Index entries of the partition layer point at object bytes with these.
 */
public record ExtentPointer(ExtentId extent, long offset, int length) {}

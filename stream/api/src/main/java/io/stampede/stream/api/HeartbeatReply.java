package io.stampede.stream.api;

import io.stampede.common.id.ExtentId;
import java.util.List;

/**
 * The stream manager's answer to a heartbeat: replicas the node must delete (no longer its,
 * referenced by no stream, or unusable) and replicas it must seal, truncating, at a length
 * (stale replicas of sealed extents).
 */
public record HeartbeatReply(List<ExtentId> deletes, List<Seal> seals) {
  public HeartbeatReply {
    deletes = List.copyOf(deletes);
    seals = List.copyOf(seals);
  }

  public static HeartbeatReply none() {
    return new HeartbeatReply(List.of(), List.of());
  }

  /** Seal the replica of {@code extent} at {@code length}, under its stream's owner {@code epoch}. */
  public record Seal(ExtentId extent, long epoch, long length) {}
}

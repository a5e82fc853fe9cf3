package io.stampede.stream.manager;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.StreamId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.StreamInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The stream layer's metadata as a plain value: registered extent nodes, streams as ordered
 * extent lists with their owner epochs, extents with their replicas and seal state, the extent
 * id counter, and the
 * streams deleted lately (with when, in deletion order) so they are not created again. Changes
 * only through {@link #apply(StreamCommand)}, so the Raft log of commands rebuilds it
 * ({@link StreamManagerStateMachine}). Not thread-safe.
 */
public final class StreamMetadata {
  private final Map<ExtentNodeId, ExtentNodeInfo> nodes = new TreeMap<>();
  private final Map<StreamId, List<ExtentId>> streams = new TreeMap<>();
  private final Map<ExtentId, ExtentInfo> extents = new TreeMap<>();
  private final Map<ExtentId, StreamId> owners = new HashMap<>();
  /** Each stream's owner epoch (0 until first claimed). */
  private final Map<StreamId, Long> epochs = new HashMap<>();
  /**
   * The highest owner epoch ever given, to any stream: new claims go above it, so a stream
   * created again under a forgotten deleted id never reuses an epoch an old writer may hold.
   */
  private long epochCounter;
  /** Deleted streams and when (epoch ms), in the order of their deletion commands. */
  private final LinkedHashMap<StreamId, Long> deleted = new LinkedHashMap<>();
  private long extentCounter;

  /**
   * Applies {@code command}, or refuses it with {@link IllegalArgumentException} leaving the
   * metadata as it was: a reservation of another id than {@link #nextExtentId()} (a deposed
   * leader's stale one), an extent added twice or to a deleted stream, a change to an unknown
   * extent, a sealed extent sealed again at another length (sealed is forever), or a claim of a
   * deleted stream or with an epoch not above the stream's, a drop of an open or last extent or by
 * another epoch than the owner's. Re-sealing at
   * the same length is a no-op; so is deleting a stream that does not exist (it is remembered as
   * deleted all the same).
   */
  public void apply(StreamCommand command) {
    if (command instanceof StreamCommand.RegisterNode c) {
      nodes.put(c.node().id(), c.node());
    } else if (command instanceof StreamCommand.ReserveExtent c) {
      if (!c.extent().equals(nextExtentId())) {
        throw new IllegalArgumentException("reserving " + c.extent() + ", next is " + nextExtentId());
      }
      reserve(c.extent());
    } else if (command instanceof StreamCommand.AddExtent c) {
      if (extents.containsKey(c.extent())) {
        throw new IllegalArgumentException("extent " + c.extent() + " exists");
      }
      if (deleted.containsKey(c.stream())) {
        throw new IllegalArgumentException("stream " + c.stream() + " is deleted");
      }
      reserve(c.extent());
      extents.put(c.extent(), new ExtentInfo(c.extent(), c.replicas(), false, 0));
      streams.computeIfAbsent(c.stream(), s -> new ArrayList<>()).add(c.extent());
      owners.put(c.extent(), c.stream());
    } else if (command instanceof StreamCommand.SealExtent c) {
      ExtentInfo e = existing(c.extent());
      if (e.sealed() && e.sealedLength() != c.length()) {
        throw new IllegalArgumentException(c.extent() + " is sealed at " + e.sealedLength()
            + ", not " + c.length());
      }
      extents.put(c.extent(), new ExtentInfo(e.id(), e.replicas(), true, c.length()));
    } else if (command instanceof StreamCommand.SetReplicas c) {
      ExtentInfo e = existing(c.extent());
      extents.put(c.extent(), new ExtentInfo(e.id(), c.replicas(), e.sealed(), e.sealedLength()));
    } else if (command instanceof StreamCommand.DeleteStream c) {
      delete(c);
    } else if (command instanceof StreamCommand.ClaimStream c) {
      if (deleted.containsKey(c.stream())) {
        throw new IllegalArgumentException("stream " + c.stream() + " is deleted");
      }
      if (c.epoch() <= epoch(c.stream())) {
        throw new IllegalArgumentException("stream " + c.stream() + " is at epoch "
            + epoch(c.stream()) + ", not below " + c.epoch());
      }
      streams.computeIfAbsent(c.stream(), s -> new ArrayList<>());
      epochs.put(c.stream(), c.epoch());
      epochCounter = Math.max(epochCounter, c.epoch());
    } else if (command instanceof StreamCommand.DropExtents c) {
      drop(c);
    }
  }

  private void drop(StreamCommand.DropExtents c) {
    List<ExtentId> ids = streams.get(c.stream());
    if (ids == null || c.epoch() != epoch(c.stream())) {
      throw new IllegalArgumentException("stream " + c.stream() + " is not owned by epoch " + c.epoch());
    }
    for (ExtentId id : c.extents()) {
      if (ids.contains(id) && (!extents.get(id).sealed() || id.equals(ids.get(ids.size() - 1)))) {
        throw new IllegalArgumentException(id + " of " + c.stream() + " is open or the stream's last");
      }
    }
    for (ExtentId id : c.extents()) {
      if (ids.remove(id)) {
        extents.remove(id);
        owners.remove(id);
      }
    }
  }

  /** The epoch the next claim of any stream gets: above every epoch given so far. */
  public long nextEpoch() {
    return epochCounter + 1;
  }

  /** The stream's owner epoch: 0 for a stream never claimed (or unknown). */
  public long epoch(StreamId stream) {
    return epochs.getOrDefault(stream, 0L);
  }

  /** The owner epoch of the stream holding {@code extent} (0 if none). */
  public long epochOf(ExtentId extent) {
    StreamId s = owners.get(extent);
    return s == null ? 0 : epoch(s);
  }

  private void delete(StreamCommand.DeleteStream c) {
    epochs.remove(c.stream());
    List<ExtentId> ids = streams.remove(c.stream());
    if (ids != null) {
      ids.forEach(id -> {
        extents.remove(id);
        owners.remove(id);
      });
    }
    Iterator<Long> oldest = deleted.values().iterator();
    while (oldest.hasNext() && oldest.next() < c.forgetBeforeMs()) {
      oldest.remove();
    }
    deleted.remove(c.stream());
    deleted.put(c.stream(), c.deletedAtMs());
  }

  /**
   * Commands that rebuild this metadata on an empty one (nodes, then each stream's extents in
   * order, sealed ones sealed, then the deleted streams in deletion order), apart from the id
   * counter: {@link #extentCounter()}.
   */
  public List<StreamCommand> toCommands() {
    List<StreamCommand> commands = new ArrayList<>();
    nodes.values().forEach(n -> commands.add(new StreamCommand.RegisterNode(n)));
    streams.forEach((stream, ids) -> {
      if (epoch(stream) > 0) {
        commands.add(new StreamCommand.ClaimStream(stream, epoch(stream)));
      }
      for (ExtentId id : ids) {
        ExtentInfo e = extents.get(id);
        commands.add(new StreamCommand.AddExtent(stream, id, e.replicas()));
        if (e.sealed()) {
          commands.add(new StreamCommand.SealExtent(id, e.sealedLength()));
        }
      }
    });
    deleted.forEach((stream, at) ->
        commands.add(new StreamCommand.DeleteStream(stream, at, Long.MIN_VALUE)));
    return commands;
  }

  /** The highest extent number reserved or used so far. */
  public long extentCounter() {
    return extentCounter;
  }

  /** Raises the extent counter (when restoring a snapshot). */
  void raiseExtentCounter(long counter) {
    extentCounter = Math.max(extentCounter, counter);
  }

  /** The id the next new extent gets: never one reserved or used before. */
  public ExtentId nextExtentId() {
    return ExtentId.of("e" + (extentCounter + 1));
  }

  /** The stream, its replicas pointing at each node's latest registered endpoint. */
  public Optional<StreamInfo> stream(StreamId id) {
    List<ExtentId> list = streams.get(id);
    if (list == null) {
      return Optional.empty();
    }
    return Optional.of(new StreamInfo(id, epoch(id), list.stream().map(this::current).toList()));
  }

  /** Whether the stream was deleted (and its deletion is still remembered). */
  public boolean deleted(StreamId id) {
    return deleted.containsKey(id);
  }

  /** How many deleted streams are remembered. */
  public int deletedStreams() {
    return deleted.size();
  }

  public List<StreamInfo> streams() {
    return streams.keySet().stream().map(s -> stream(s).orElseThrow()).toList();
  }

  public Optional<ExtentInfo> extent(ExtentId id) {
    return extents.containsKey(id) ? Optional.of(current(id)) : Optional.empty();
  }

  /** Every extent of every stream, in id order. */
  public List<ExtentInfo> extents() {
    return extents.keySet().stream().map(this::current).toList();
  }

  public Optional<StreamId> streamOf(ExtentId id) {
    return Optional.ofNullable(owners.get(id));
  }

  public Optional<ExtentNodeInfo> node(ExtentNodeId id) {
    return Optional.ofNullable(nodes.get(id));
  }

  public Collection<ExtentNodeInfo> nodes() {
    return List.copyOf(nodes.values());
  }

  /** How many extents each registered node holds a replica of. */
  public Map<ExtentNodeId, Integer> extentCounts() {
    Map<ExtentNodeId, Integer> counts = new HashMap<>();
    nodes.keySet().forEach(n -> counts.put(n, 0));
    extents.values().forEach(e -> e.replicas().forEach(r -> counts.merge(r.id(), 1, Integer::sum)));
    return counts;
  }

  private void reserve(ExtentId id) {
    String v = id.value();
    if (v.startsWith("e") && v.substring(1).chars().allMatch(Character::isDigit) && v.length() > 1) {
      extentCounter = Math.max(extentCounter, Long.parseLong(v.substring(1)));
    }
  }

  private ExtentInfo existing(ExtentId id) {
    ExtentInfo e = extents.get(id);
    if (e == null) {
      throw new IllegalArgumentException("no extent " + id);
    }
    return e;
  }

  private ExtentInfo current(ExtentId id) {
    ExtentInfo e = extents.get(id);
    List<ExtentNodeInfo> replicas = e.replicas().stream()
        .map(r -> nodes.getOrDefault(r.id(), r))
        .toList();
    return new ExtentInfo(e.id(), replicas, e.sealed(), e.sealedLength());
  }
}

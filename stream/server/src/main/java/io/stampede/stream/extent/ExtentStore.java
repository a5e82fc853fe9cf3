package io.stampede.stream.extent;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ReplicaReport;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extent replicas of one extent node, under {@code <nodeDir>/extents/}: per extent the
 * {@link ExtentFile} {@code <id>.ext}, its seal and cut markers, and {@code <id>.replicas}, the
 * extent's replica list as given at creation (so a restarted primary knows its secondaries) and
 * the replica's owner epoch (appends and seals of older epochs are refused), format 2:
 *
 * <pre>
 * stampede-extent-replicas 2
 * epoch\t&lt;epoch&gt;                                   decimal
 * &lt;node id&gt;\t&lt;rack id&gt;\t&lt;host&gt;\t&lt;port&gt;     one line per replica, primary first
 * </pre>
 *
 * Format 1 (written before epochs existed) is the same without the epoch line: epoch 0.
 *
 * At most {@code openFilesMax} channels stay open; the least recently used are closed. Every
 * method blocks on disk: call it from a worker thread.
 */
public final class ExtentStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExtentStore.class);
  private static final String REPLICAS_FORMAT = "stampede-extent-replicas 2";
  private static final String REPLICAS_FORMAT_1 = "stampede-extent-replicas 1";

  private final String name;
  private final Path dir;
  private final int blockBytesMax;
  private final int openFilesMax;
  private final Map<ExtentId, Replica> replicas = new ConcurrentHashMap<>();
  private final LinkedHashMap<ExtentId, ExtentFile> open = new LinkedHashMap<>(16, 0.75f, true);

  /**
   * One extent replica held here: its file, the extent's replicas (primary first), and the owner
   * epoch below which appends and seals are refused.
   */
  public record Replica(ExtentFile file, List<ExtentNodeInfo> replicas, long epoch) {
    /** Fails FENCED when {@code writer} is older than this replica's epoch. */
    public void checkEpoch(long writer) {
      if (writer < epoch) {
        throw new StreamException(StreamErrorCode.FENCED, file.id() + " belongs to epoch " + epoch
            + ", not " + writer);
      }
    }
  }

  public ExtentStore(String name, Path nodeDir, int blockBytesMax, int openFilesMax) {
    this.name = name;
    this.dir = nodeDir.resolve("extents");
    this.blockBytesMax = blockBytesMax;
    this.openFilesMax = openFilesMax;
  }

  /**
   * Finds the replicas already on disk; files are checked when first used. Removes what a crash
   * or a failed delete left behind: temporary files (their write was never acknowledged) and seal
   * markers or replica lists of extents without an extent file.
   */
  public void load() throws IOException {
    Files.createDirectories(dir);
    List<Path> leftovers = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String f = p.getFileName().toString();
        if (f.endsWith(".ext")) {
          ExtentId id = ExtentId.of(f.substring(0, f.length() - 4));
          replicas.put(id, readReplica(id));
        } else if (f.endsWith(".tmp") || f.endsWith(".sealed") || f.endsWith(".cut")
            || f.endsWith(".replicas")) {
          leftovers.add(p);
        }
      }
    }
    for (Path p : leftovers) {
      String f = p.getFileName().toString();
      String base = f.substring(0, f.lastIndexOf('.'));
      if (f.endsWith(".tmp") || !Files.exists(dir.resolve(base + ".ext"))) {
        log.info("{} removes the leftover {}", name, f);
        Files.deleteIfExists(p);
      }
    }
    log.info("{} holds {} extent replicas in {}", name, replicas.size(), dir);
  }

  /**
   * Creates an empty replica owned by {@code epoch}, or keeps the existing one, refreshing its
   * replica list and raising its epoch to {@code epoch} if higher.
   */
  public synchronized Replica create(ExtentInfo extent, long epoch) throws IOException {
    ExtentId id = extent.id();
    if (id.value().contains("/") || id.value().startsWith(".")) {
      throw new StreamException(StreamErrorCode.INTERNAL, "extent id unfit for a file name: " + id);
    }
    Replica existing = replicas.get(id);
    long owner = existing == null ? epoch : Math.max(epoch, existing.epoch());
    if (existing != null && existing.replicas().equals(extent.replicas()) && existing.epoch() == owner) {
      return existing;
    }
    writeReplicas(id, extent.replicas(), owner);
    Replica r = new Replica(existing != null ? existing.file()
        : ExtentFile.create(dir, id, blockBytesMax), extent.replicas(), owner);
    replicas.put(id, r);
    return r;
  }

  /**
   * Raises the replica's epoch to {@code epoch} (durably) after checking it: fails FENCED when
   * {@code epoch} is older than the replica's.
   */
  public synchronized Replica raiseEpoch(ExtentId id, long epoch) throws IOException {
    Replica r = get(id);
    r.checkEpoch(epoch);
    if (epoch == r.epoch()) {
      return r;
    }
    writeReplicas(id, r.replicas(), epoch);
    Replica raised = new Replica(r.file(), r.replicas(), epoch);
    replicas.put(id, raised);
    return raised;
  }

  public Optional<Replica> find(ExtentId id) {
    return Optional.ofNullable(replicas.get(id));
  }

  public Replica get(ExtentId id) {
    Replica r = replicas.get(id);
    if (r == null) {
      throw new StreamException(StreamErrorCode.NOT_FOUND, name + " holds no replica of " + id);
    }
    return r;
  }

  /** The extent's file, counted as recently used; may close the least recently used ones. */
  public ExtentFile file(ExtentId id) {
    ExtentFile f = get(id).file();
    List<ExtentFile> evicted = new ArrayList<>();
    synchronized (open) {
      open.put(id, f);
      Iterator<ExtentFile> it = open.values().iterator();
      while (open.size() > openFilesMax && it.hasNext()) {
        evicted.add(it.next());
        it.remove();
      }
    }
    evicted.forEach(this::closeQuietly);
    return f;
  }

  public List<ExtentId> extents() {
    return List.copyOf(replicas.keySet());
  }

  /**
   * Deletes the replica's files (replica list, then seal marker and extent). Idempotent. Stopped
   * half way (a crash, an I/O error), it leaves either the extent file, which the node reports
   * and the stream manager has deleted again, or files {@link #load} removes.
   */
  public synchronized void delete(ExtentId id) throws IOException {
    Replica r = replicas.remove(id);
    synchronized (open) {
      open.remove(id);
    }
    Files.deleteIfExists(dir.resolve(id.value() + ".replicas"));
    if (r != null) {
      r.file().delete();
    } else {
      ExtentFile.existing(dir, id, blockBytesMax).delete();
    }
  }

  /**
   * Every replica held here with its length and seal state; unreadable ones are left out. A file
   * this opens only to report on is closed again, so reports never hold more than
   * {@code openFilesMax} channels open.
   */
  public List<ReplicaReport> report() {
    List<ReplicaReport> out = new ArrayList<>();
    for (Map.Entry<ExtentId, Replica> e : replicas.entrySet()) {
      ExtentFile f = e.getValue().file();
      boolean inUse;
      synchronized (open) {
        inUse = open.containsKey(e.getKey());
      }
      try {
        out.add(new ReplicaReport(e.getKey(), f.length(), f.sealedLength() >= 0));
      } catch (IOException | RuntimeException ex) {
        log.warn("{} cannot report {}: {}", name, e.getKey(), ex.toString());
      } finally {
        if (!inUse) {
          closeQuietly(f);
        }
      }
    }
    return out;
  }

  /** The directory extents live in. */
  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    synchronized (open) {
      open.clear();
    }
    replicas.values().forEach(r -> closeQuietly(r.file()));
  }

  private void closeQuietly(ExtentFile f) {
    try {
      f.close();
    } catch (IOException e) {
      log.warn("{} closing {}: {}", name, f.id(), e.toString());
    }
  }

  private void writeReplicas(ExtentId id, List<ExtentNodeInfo> nodes, long epoch) throws IOException {
    StringBuilder b = new StringBuilder(REPLICAS_FORMAT).append('\n');
    b.append("epoch\t").append(epoch).append('\n');
    for (ExtentNodeInfo n : nodes) {
      b.append(n.id().value()).append('\t').append(n.rack().value()).append('\t')
          .append(n.endpoint().host()).append('\t').append(n.endpoint().port()).append('\n');
    }
    ExtentFile.writeDurably(dir.resolve(id.value() + ".replicas.tmp"),
        dir.resolve(id.value() + ".replicas"), b.toString().getBytes(StandardCharsets.UTF_8));
  }

  private Replica readReplica(ExtentId id) throws IOException {
    ExtentFile file = ExtentFile.existing(dir, id, blockBytesMax);
    Path p = dir.resolve(id.value() + ".replicas");
    if (!Files.exists(p)) {
      log.warn("{} has no replica list for {}", name, id);
      return new Replica(file, List.of(), 0);
    }
    List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).equals(REPLICAS_FORMAT) && !lines.get(0).equals(REPLICAS_FORMAT_1)) {
      throw new IOException(name + " unknown replica list format in " + p);
    }
    long epoch = 0;
    List<ExtentNodeInfo> nodes = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      if (f.length == 2 && f[0].equals("epoch")) {
        epoch = Long.parseLong(f[1]);
      } else if (f.length == 4) {
        nodes.add(new ExtentNodeInfo(ExtentNodeId.of(f[0]), RackId.of(f[1]),
            Endpoint.of(f[2], Integer.parseInt(f[3]))));
      }
    }
    return new Replica(file, nodes, epoch);
  }
}

package io.stampede.ministamp;

import io.stampede.common.id.RackId;
import io.stampede.stream.api.Block;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.StreamInfo;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks run over a whole stamp, in TigerBeetle's spirit: the stamp's own view must agree with
 * the bytes on every replica and with what clients were told.
 *
 * <ul>
 *   <li>{@link #sealedReplicas()}: every sealed extent has {@value StampStatus#REPLICAS} replicas in
 *       as many distinct racks, and each replica, read whole through its extent node (which
 *       verifies every block's checksum), is exactly the sealed length and byte-identical to the
 *       others (compared by SHA-256 over block offsets and payloads).
 *   <li>{@link #ledger}: every acknowledged object of a ledger (name to MD5) reads back with
 *       that MD5 through an S3 client the caller supplies.
 * </ul>
 */
public final class StampInvariants {
  private static final int READ_BYTES = 4 << 20;

  private final StreamLayer streams;

  StampInvariants(StreamLayer streams) {
    this.streams = streams;
  }

  /** Violations found, and how many things were checked. */
  public record Report(int checked, List<String> violations) {
    public Report {
      violations = List.copyOf(violations);
    }

    public boolean ok() {
      return violations.isEmpty();
    }

    @Override
    public String toString() {
      return ok() ? "all " + checked + " checked hold"
          : violations.size() + " violations in " + checked + " checked:\n  " + String.join("\n  ", violations);
    }
  }

  /** Opens an object's bytes through S3; {@code name} is {@code bucket/key}. */
  @FunctionalInterface
  public interface ObjectReader {
    InputStream open(String name) throws IOException;
  }

  /** Checks every sealed extent's replicas, one extent at a time. */
  public Future<Report> sealedReplicas() {
    return streams.describe().compose(snapshot -> {
      List<ExtentInfo> sealed = snapshot.streams().stream().map(StreamInfo::extents)
          .flatMap(List::stream).filter(ExtentInfo::sealed).toList();
      List<String> violations = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (ExtentInfo extent : sealed) {
        chain = chain.compose(v -> checkExtent(extent).map(found -> {
          violations.addAll(found);
          return null;
        }));
      }
      return chain.map(v -> new Report(sealed.size(), violations));
    });
  }

  private Future<List<String>> checkExtent(ExtentInfo extent) {
    List<String> violations = new ArrayList<>();
    Set<RackId> racks = extent.replicas().stream().map(ExtentNodeInfo::rack).collect(Collectors.toSet());
    if (extent.replicas().size() != StampStatus.REPLICAS || racks.size() != StampStatus.REPLICAS) {
      violations.add(extent.id() + " has replicas " + describe(extent.replicas()) + ", not "
          + StampStatus.REPLICAS + " in distinct racks");
    }
    List<Future<byte[]>> digests = extent.replicas().stream()
        .map(r -> digest(streams.nodeApi(r), extent)).toList();
    return Future.join(digests).transform(ar -> {
      byte[] reference = null;
      ExtentNodeInfo referenceNode = null;
      for (int i = 0; i < digests.size(); i++) {
        Future<byte[]> d = digests.get(i);
        ExtentNodeInfo node = extent.replicas().get(i);
        if (d.failed()) {
          violations.add(extent.id() + " on " + node.id() + ": " + d.cause().getMessage());
        } else if (reference == null) {
          reference = d.result();
          referenceNode = node;
        } else if (!Arrays.equals(reference, d.result())) {
          violations.add(extent.id() + " differs between " + referenceNode.id() + " and " + node.id());
        }
      }
      return Future.succeededFuture(violations);
    });
  }

  private static String describe(List<ExtentNodeInfo> replicas) {
    return replicas.stream().map(r -> r.id() + "@" + r.rack()).toList().toString();
  }

  /** SHA-256 over (offset, length, payload) of every block up to the sealed length. */
  private static Future<byte[]> digest(ExtentNodeApi node, ExtentInfo extent) {
    MessageDigest sha = sha256();
    Promise<byte[]> done = Promise.promise();
    readFrom(node, extent, 0, sha, done);
    return done.future();
  }

  private static void readFrom(ExtentNodeApi node, ExtentInfo extent, long offset, MessageDigest sha,
      Promise<byte[]> done) {
    node.read(extent.id(), offset, READ_BYTES).onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
        return;
      }
      if (ar.result().extentLength() != extent.sealedLength()) {
        done.fail(new IllegalStateException("replica is " + ar.result().extentLength()
            + " bytes long, sealed length is " + extent.sealedLength()));
        return;
      }
      for (Block b : ar.result().blocks()) {
        sha.update(HexFormat.of().toHexDigits(b.offset()).getBytes());
        sha.update(HexFormat.of().toHexDigits(b.data().length()).getBytes());
        sha.update(b.data().getBytes());
      }
      long next = ar.result().nextOffset();
      if (ar.result().blocks().isEmpty() || next >= extent.sealedLength()) {
        done.complete(sha.digest());
      } else {
        readFrom(node, extent, next, sha, done);
      }
    });
  }

  /**
   * Reads every object of {@code md5ByName} ({@code bucket/key} to the MD5 of the acknowledged
   * bytes) through {@code reader} and compares. Blocking: call it from a test thread.
   */
  public static Report ledger(Map<String, byte[]> md5ByName, ObjectReader reader) {
    List<String> violations = new ArrayList<>();
    byte[] buf = new byte[64 * 1024];
    for (Map.Entry<String, byte[]> e : md5ByName.entrySet()) {
      MessageDigest md5 = md5();
      try (InputStream in = reader.open(e.getKey())) {
        int n;
        while ((n = in.read(buf)) > 0) {
          md5.update(buf, 0, n);
        }
        byte[] got = md5.digest();
        if (!Arrays.equals(got, e.getValue())) {
          violations.add(e.getKey() + " reads back with MD5 " + HexFormat.of().formatHex(got)
              + ", acknowledged " + HexFormat.of().formatHex(e.getValue()));
        }
      } catch (IOException | RuntimeException ex) {
        violations.add(e.getKey() + " unreadable: " + ex);
      }
    }
    return new Report(md5ByName.size(), violations);
  }

  private static MessageDigest sha256() {
    return digestOf("SHA-256");
  }

  private static MessageDigest md5() {
    return digestOf("MD5");
  }

  private static MessageDigest digestOf(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

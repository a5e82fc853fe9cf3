package io.stampede.raft;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.util.MD5FileUtil;

/**
 * A state machine snapshot on disk: {@code snapshot.<term>_<index>} holds exactly the bytes of
 * {@link ReplicatedState#snapshot()} (the format is the domain's, e.g. a protobuf message with its
 * own format version), next to {@code snapshot.<term>_<index>.md5} in Ratis' MD5 file format.
 * Written to a temporary file, fsynced, then renamed, so a crash never leaves a torn snapshot
 * under the final name; Ratis prefers the newest snapshot that has an MD5 file.
 */
final class SnapshotFile {
  private SnapshotFile() {}

  /** Writes {@code bytes} durably to {@code file} and its MD5 file; returns the digest. */
  static MD5Hash write(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    MD5Hash digest = MD5Hash.newInstance(MD5FileUtil.newMD5().digest(bytes));
    MD5FileUtil.saveMD5File(file.toFile(), digest);
    return digest;
  }

  /** Reads a snapshot, checking it against its MD5 file when there is one. */
  static byte[] read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (Files.exists(MD5FileUtil.getDigestFileForFile(file.toFile()).toPath())) {
      MD5Hash stored = MD5FileUtil.readStoredMd5ForFile(file.toFile());
      MD5Hash actual = MD5Hash.newInstance(MD5FileUtil.newMD5().digest(bytes));
      if (!stored.equals(actual)) {
        throw new IOException("snapshot " + file + " does not match its MD5 file (" + actual + " != " + stored + ")");
      }
    }
    return bytes;
  }
}

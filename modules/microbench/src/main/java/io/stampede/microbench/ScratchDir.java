package io.stampede.microbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh directory for one benchmark trial under {@code target/microbench} (or the directory
 * named by {@code -Dmicrobench.dir}), deleted with everything in it when the trial ends. Kept
 * under target/ rather than /tmp so the extent files land on the disk the build uses, not tmpfs.
 */
final class ScratchDir implements AutoCloseable {
  private final Path dir;

  private ScratchDir(Path dir) {
    this.dir = dir;
  }

  static ScratchDir create(String name) throws IOException {
    Path root = Path.of(System.getProperty("microbench.dir", "target/microbench")).toAbsolutePath();
    Files.createDirectories(root);
    return new ScratchDir(Files.createTempDirectory(root, name + "-"));
  }

  Path path() {
    return dir;
  }

  @Override
  public void close() {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

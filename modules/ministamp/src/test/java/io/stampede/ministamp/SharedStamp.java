package io.stampede.ministamp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One default-shaped stamp for a whole test class, with the default user's S3 client: started
 * before the class's tests and closed, data directory removed, after them. Register it with
 * {@code @RegisterExtension static final SharedStamp STAMP = new SharedStamp();}.
 */
final class SharedStamp implements BeforeAllCallback, AfterAllCallback {
  private final UnaryOperator<StampConfig> shape;
  private Path dir;
  private MiniStamp stamp;
  private S3Client s3;

  SharedStamp() {
    this(UnaryOperator.identity());
  }

  /** A stamp of the default shape changed by {@code shape}. */
  SharedStamp(UnaryOperator<StampConfig> shape) {
    this.shape = shape;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("stampede-" + context.getRequiredTestClass().getSimpleName());
    stamp = MiniStamp.start(shape.apply(TestStamps.config(dir)));
    s3 = TestStamps.s3(stamp);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (s3 != null) {
        s3.close();
      }
      if (stamp != null) {
        stamp.close();
      }
    } finally {
      if (dir != null) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(SharedStamp::delete);
        }
      }
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  MiniStamp stamp() {
    return stamp;
  }

  /** The default user's client (closed with the stamp). */
  S3Client s3() {
    return s3;
  }
}

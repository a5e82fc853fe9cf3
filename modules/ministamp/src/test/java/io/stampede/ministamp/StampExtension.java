package io.stampede.ministamp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One default stamp (in a temporary directory) and the SDK's default client for an IT class,
 * started before its first test, with {@code buckets} created, and closed and deleted after its
 * last: {@code @RegisterExtension static final StampExtension STAMP = new StampExtension("b");}.
 */
final class StampExtension implements BeforeAllCallback, AfterAllCallback {
  private final List<String> buckets;
  private Path dir;
  private MiniStamp stamp;
  private S3Client s3;

  StampExtension(String... buckets) {
    this.buckets = List.of(buckets);
  }

  MiniStamp stamp() {
    return stamp;
  }

  S3Client s3() {
    return s3;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("stamp-it");
    stamp = MiniStamp.start(TestStamps.config(dir));
    s3 = TestStamps.s3(stamp);
    buckets.forEach(b -> s3.createBucket(r -> r.bucket(b)));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (s3 != null) {
      s3.close();
    }
    if (stamp != null) {
      stamp.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
  }
}

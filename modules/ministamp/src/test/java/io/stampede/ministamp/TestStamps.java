package io.stampede.ministamp;

import java.net.URI;
import java.nio.file.Path;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Stamps and S3 clients for the integration tests. */
final class TestStamps {
  private TestStamps() {}

  /** A default-shaped stamp on free ports in {@code dir}, with small extents so they roll over. */
  static StampConfig config(Path dir) {
    StampConfig c = StampConfig.defaults(dir).withExtentBytesTarget(8L << 20)
        .withCredentials(java.util.Map.of(StampConfig.DEFAULT_ACCESS_KEY, StampConfig.DEFAULT_SECRET_KEY,
            "other", "other-secret"));
    long seed = Long.getLong("stampede.seed", System.nanoTime());
    System.out.println("TestStamps seed " + seed);
    return c.withBasePort(PortPlan.findFree(c, new Random(seed)).base());
  }

  /** The AWS SDK's S3 client with default settings, pointed at the stamp (path-style). */
  static S3Client s3(MiniStamp stamp) {
    return s3(stamp, StampConfig.DEFAULT_ACCESS_KEY, StampConfig.DEFAULT_SECRET_KEY);
  }

  static S3Client s3(MiniStamp stamp, String accessKey, String secretKey) {
    return S3Client.builder()
        .endpointOverride(URI.create("http://" + stamp.s3Endpoint()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .forcePathStyle(true)
        .build();
  }
}

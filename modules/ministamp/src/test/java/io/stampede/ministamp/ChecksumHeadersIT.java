package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Stored checksums come back as S3 returns them: on PutObject in the client's algorithm, and on
 * GetObject/HeadObject when asked with checksum mode; the SDK then validates them against the
 * bytes it reads (it skips CRC64NVME without the CRT and composite values, so those are compared
 * here).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ChecksumHeadersIT {
  static final String BUCKET = "summed";
  @RegisterExtension static final SharedStamp STAMP = new SharedStamp();
  static S3Client s3;

  @BeforeAll
  static void start() {
    s3 = STAMP.s3();
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  static String expected(io.stampede.common.checksum.ChecksumAlgorithm alg, byte[] data) {
    var d = alg.newDigest();
    d.update(data, 0, data.length);
    return Base64.getEncoder().encodeToString(d.value());
  }

  @Test
  void defaultSdkPutStoresCrc32AndChecksumModeGetValidatesIt() {
    byte[] data = MultipartIT.bytes(300_000, 1);
    String crc32 = expected(io.stampede.common.checksum.ChecksumAlgorithm.CRC32, data);
    PutObjectResponse put = s3.putObject(b -> b.bucket(BUCKET).key("crc32"), RequestBody.fromBytes(data));
    assertThat(put.checksumCRC32()).isEqualTo(crc32);
    assertThat(put.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);

    ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("crc32")
        .checksumMode(ChecksumMode.ENABLED));
    assertThat(got.asByteArray()).isEqualTo(data);
    assertThat(got.response().checksumCRC32()).isEqualTo(crc32);
    assertThat(got.response().checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("crc32")).response().checksumCRC32()).isNull();

    HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("crc32").checksumMode(ChecksumMode.ENABLED));
    assertThat(head.checksumCRC32()).isEqualTo(crc32);
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key("crc32")).checksumCRC32()).isNull();

    ResponseBytes<GetObjectResponse> range = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("crc32")
        .range("bytes=10-99").checksumMode(ChecksumMode.ENABLED));
    assertThat(range.asByteArray()).hasSize(90);
    assertThat(range.response().checksumCRC32()).isNull();
  }

  @Test
  void theClientsAlgorithmIsTheStoredOne() {
    byte[] data = MultipartIT.bytes(70_000, 2);
    var ours = io.stampede.common.checksum.ChecksumAlgorithm.values();
    for (ChecksumAlgorithm alg : List.of(ChecksumAlgorithm.SHA256, ChecksumAlgorithm.SHA1, ChecksumAlgorithm.CRC32_C)) {
      String key = "alg-" + alg;
      s3.putObject(b -> b.bucket(BUCKET).key(key).checksumAlgorithm(alg), RequestBody.fromBytes(data));
      GetObjectResponse r = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED))
          .response();
      String want = expected(switch (alg) {
        case SHA256 -> ours[4];
        case SHA1 -> ours[3];
        default -> ours[1];
      }, data);
      assertThat(switch (alg) {
        case SHA256 -> r.checksumSHA256();
        case SHA1 -> r.checksumSHA1();
        default -> r.checksumCRC32C();
      }).as(key).isEqualTo(want);
    }
    String crc32c = expected(io.stampede.common.checksum.ChecksumAlgorithm.CRC32C, data);
    PutObjectResponse put = s3.putObject(b -> b.bucket(BUCKET).key("header").checksumCRC32C(crc32c),
        RequestBody.fromBytes(data));
    assertThat(put.checksumCRC32C()).isEqualTo(crc32c);
  }

  @Test
  void withoutAClientChecksumTheStoredOneIsCrc64Nvme() {
    byte[] data = MultipartIT.bytes(50_000, 3);
    String want = expected(io.stampede.common.checksum.ChecksumAlgorithm.CRC64NVME, data);
    try (S3Client bare = S3Client.builder()
        .endpointOverride(URI.create("http://" + STAMP.stamp().s3Endpoint()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            StampConfig.DEFAULT_ACCESS_KEY, StampConfig.DEFAULT_SECRET_KEY)))
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .build()) {
      PutObjectResponse put = bare.putObject(b -> b.bucket(BUCKET).key("bare"), RequestBody.fromBytes(data));
      assertThat(put.checksumCRC64NVME()).isEqualTo(want);
    }
    // The SDK skips CRC64NVME validation without the CRT, so compare it here.
    ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("bare")
        .checksumMode(ChecksumMode.ENABLED));
    assertThat(got.asByteArray()).isEqualTo(data);
    assertThat(got.response().checksumCRC64NVME()).isEqualTo(want);
  }

  @Test
  void compositeMultipartChecksumsDoNotBreakChecksumModeGets() {
    String key = "composite";
    String upload = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)
        .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    byte[] all = new byte[(5 << 20) + 1000];
    for (int n = 1; n <= 2; n++) {
      int num = n;
      byte[] data = MultipartIT.bytes(n == 1 ? 5 << 20 : 1000, 10 + n);
      System.arraycopy(data, 0, all, n == 1 ? 0 : 5 << 20, data.length);
      UploadPartResponse r = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(upload).partNumber(num)
          .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(data));
      parts.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).build());
    }
    s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(upload).multipartUpload(m -> m.parts(parts)));
    ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)
        .checksumMode(ChecksumMode.ENABLED));
    assertThat(got.asByteArray()).isEqualTo(all);
    assertThat(got.response().checksumCRC32()).endsWith("-2");
    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).partNumber(2).checksumMode(ChecksumMode.ENABLED))
        .asByteArray()).hasSize(1000);
  }
}

package io.stampede.ministamp;

import static io.stampede.ministamp.MultipartIT.MIB;
import static io.stampede.ministamp.MultipartIT.bytes;
import static io.stampede.ministamp.S3OperationsIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.common.checksum.Crc64Nvme;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * GetObjectAttributes through the real AWS SDK (default settings) against a real stamp, with the
 * stored checksums checked against values computed independently: by the SDK's own checksum
 * implementations (CRC32C, SHA-256) and, for CRC64NVME, which the SDK computes only with the CRT,
 * by the table-driven CRC checked against the algorithm's published check value.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ObjectAttributesIT {
  static final String BUCKET = "attrs";
  @RegisterExtension static final SharedStamp STAMP = new SharedStamp();
  static MiniStamp stamp;
  static S3Client s3;

  @BeforeAll
  static void start() {
    stamp = STAMP.stamp();
    s3 = STAMP.s3();
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  /** Base64 of a checksum computed by the AWS SDK itself. */
  static String sdk(software.amazon.awssdk.checksums.spi.ChecksumAlgorithm algorithm, byte[] data) {
    SdkChecksum c = SdkChecksum.forAlgorithm(algorithm);
    c.update(data, 0, data.length);
    return Base64.getEncoder().encodeToString(c.getChecksumBytes());
  }

  static String crc64nvme(byte[] data) {
    Crc64Nvme c = new Crc64Nvme();
    c.update(data, 0, data.length);
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(c.getValue()).array());
  }

  static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  static GetObjectAttributesResponse attributes(String key, ObjectAttributes... wanted) {
    return s3.getObjectAttributes(b -> b.bucket(BUCKET).key(key).objectAttributes(wanted));
  }

  @Test
  void singlePutObjectHasItsEtagSizeAndFullObjectChecksum() throws Exception {
    byte[] data = bytes(70_000, 1);
    s3.putObject(b -> b.bucket(BUCKET).key("single"), RequestBody.fromBytes(data));
    GetObjectAttributesResponse r = attributes("single", ObjectAttributes.E_TAG, ObjectAttributes.CHECKSUM,
        ObjectAttributes.OBJECT_PARTS, ObjectAttributes.STORAGE_CLASS, ObjectAttributes.OBJECT_SIZE);
    assertThat(r.eTag()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)));
    assertThat(r.objectSize()).isEqualTo(data.length);
    assertThat(r.storageClassAsString()).isEqualTo("STANDARD");
    // The SDK sent a CRC32 trailer, so the stored checksum is the client's CRC32.
    assertThat(r.checksum().checksumCRC32()).isEqualTo(sdk(DefaultChecksumAlgorithm.CRC32, data));
    assertThat(r.checksum().checksumCRC64NVME()).isNull();
    assertThat(r.checksum().checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    assertThat(r.objectParts()).isNull();
    assertThat(r.lastModified()).isNotNull();
    assertThat(r.versionId()).isNull();

    GetObjectAttributesResponse some = s3.getObjectAttributes(b -> b.bucket(BUCKET).key("single").versionId("null")
        .objectAttributes(ObjectAttributes.OBJECT_SIZE));
    assertThat(some.objectSize()).isEqualTo(data.length);
    assertThat(some.eTag()).isNull();
    assertThat(some.checksum()).isNull();
  }

  @Test
  void fullObjectMultipartChecksumIsTheCrcOfAllTheBytes() {
    String key = "full";
    String upload = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)
        .checksumAlgorithm(ChecksumAlgorithm.CRC32_C).checksumType(ChecksumType.FULL_OBJECT)).uploadId();
    List<byte[]> data = List.of(bytes(5 * MIB, 2), bytes(5 * MIB + 3, 3), bytes(777, 4));
    List<CompletedPart> parts = new ArrayList<>();
    for (int n = 1; n <= data.size(); n++) {
      int num = n;
      UploadPartResponse r = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(upload).partNumber(num)
          .checksumAlgorithm(ChecksumAlgorithm.CRC32_C), RequestBody.fromBytes(data.get(num - 1)));
      parts.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).build());
    }
    s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(upload).multipartUpload(m -> m.parts(parts)));

    GetObjectAttributesResponse r = attributes(key, ObjectAttributes.CHECKSUM, ObjectAttributes.OBJECT_PARTS,
        ObjectAttributes.E_TAG, ObjectAttributes.OBJECT_SIZE);
    assertThat(r.checksum().checksumCRC32C()).isEqualTo(sdk(DefaultChecksumAlgorithm.CRC32C, concat(data)));
    assertThat(r.checksum().checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    assertThat(r.objectParts().totalPartsCount()).isEqualTo(3);
    assertThat(r.objectParts().parts()).isEmpty();
    assertThat(r.eTag()).endsWith("-3").doesNotStartWith("\"");
    assertThat(r.objectSize()).isEqualTo(10L * MIB + 3 + 777);

    // Asked for, the checksum comes with the object, and the SDK checks the body against it as it reads.
    String expected = sdk(DefaultChecksumAlgorithm.CRC32C, concat(data));
    ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)
        .checksumMode(ChecksumMode.ENABLED));
    assertThat(got.response().checksumCRC32C()).isEqualTo(expected);
    assertThat(got.response().checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    assertThat(got.asByteArray()).isEqualTo(concat(data));
    HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED));
    assertThat(head.checksumCRC32C()).isEqualTo(expected);
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key(key)).checksumCRC32C()).isNull();
    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).range("bytes=0-99")
        .checksumMode(ChecksumMode.ENABLED)).response().checksumCRC32C()).isNull();
    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).response().checksumCRC32C()).isNull();
  }

  @Test
  void defaultMultipartGetsTheFullObjectCrc64NvmeOfAllTheBytes() {
    String key = "plain-multipart";
    String upload = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
    List<byte[]> data = List.of(bytes(5 * MIB, 5), bytes(4096, 6));
    List<CompletedPart> parts = new ArrayList<>();
    for (int n = 1; n <= data.size(); n++) {
      int num = n;
      UploadPartResponse r = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(upload).partNumber(num),
          RequestBody.fromBytes(data.get(num - 1)));
      parts.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).build());
    }
    s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(upload).multipartUpload(m -> m.parts(parts)));
    GetObjectAttributesResponse r = attributes(key, ObjectAttributes.CHECKSUM, ObjectAttributes.OBJECT_PARTS);
    assertThat(r.checksum().checksumCRC64NVME()).isEqualTo(crc64nvme(concat(data)));
    assertThat(r.checksum().checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    assertThat(r.objectParts().totalPartsCount()).isEqualTo(2);
  }

  @Test
  void compositeMultipartListsItsPartsPageByPage() throws Exception {
    String key = "composite";
    String upload = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)
        .checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
    List<byte[]> data = List.of(bytes(5 * MIB, 7), bytes(5 * MIB, 8), bytes(100, 9));
    List<CompletedPart> parts = new ArrayList<>();
    MessageDigest outer = MessageDigest.getInstance("SHA-256");
    for (int n = 1; n <= data.size(); n++) {
      int num = n;
      String partSha = sdk(DefaultChecksumAlgorithm.SHA256, data.get(n - 1));
      outer.update(Base64.getDecoder().decode(partSha));
      UploadPartResponse r = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(upload).partNumber(num)
          .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(data.get(num - 1)));
      parts.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumSHA256(partSha).build());
    }
    String composite = Base64.getEncoder().encodeToString(outer.digest());
    assertThat(s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(upload)
        .multipartUpload(m -> m.parts(parts))).checksumSHA256()).isEqualTo(composite + "-3");

    GetObjectAttributesResponse first = s3.getObjectAttributes(b -> b.bucket(BUCKET).key(key).maxParts(2)
        .objectAttributes(ObjectAttributes.CHECKSUM, ObjectAttributes.OBJECT_PARTS));
    assertThat(first.checksum().checksumSHA256()).isEqualTo(composite);
    assertThat(first.checksum().checksumType()).isEqualTo(ChecksumType.COMPOSITE);
    assertThat(first.objectParts().totalPartsCount()).isEqualTo(3);
    assertThat(first.objectParts().maxParts()).isEqualTo(2);
    assertThat(first.objectParts().isTruncated()).isTrue();
    assertThat(first.objectParts().partNumberMarker()).isZero();
    assertThat(first.objectParts().nextPartNumberMarker()).isEqualTo(2);
    assertThat(first.objectParts().parts()).extracting(ObjectPart::partNumber).containsExactly(1, 2);
    assertThat(first.objectParts().parts()).extracting(ObjectPart::size).containsExactly(5L * MIB, 5L * MIB);
    assertThat(first.objectParts().parts()).extracting(ObjectPart::checksumSHA256)
        .containsExactly(parts.get(0).checksumSHA256(), parts.get(1).checksumSHA256());

    GetObjectResponse whole = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED))
        .response();
    assertThat(whole.checksumSHA256()).isEqualTo(composite + "-3");
    assertThat(whole.checksumType()).isEqualTo(ChecksumType.COMPOSITE);

    GetObjectAttributesResponse rest = s3.getObjectAttributes(b -> b.bucket(BUCKET).key(key)
        .partNumberMarker(first.objectParts().nextPartNumberMarker())
        .objectAttributes(ObjectAttributes.OBJECT_PARTS));
    assertThat(rest.objectParts().isTruncated()).isFalse();
    assertThat(rest.objectParts().parts()).extracting(ObjectPart::partNumber).containsExactly(3);
    assertThat(rest.objectParts().parts().get(0).size()).isEqualTo(100L);
  }

  @Test
  void errorsAsS3AnswersThem() {
    s3.putObject(b -> b.bucket(BUCKET).key("there"), RequestBody.fromString("x"));
    assertError(404, "NoSuchKey", () -> attributes("absent", ObjectAttributes.E_TAG));
    assertError(404, "NoSuchBucket", () -> s3.getObjectAttributes(b -> b.bucket("no-such-bucket-here").key("k")
        .objectAttributes(ObjectAttributes.E_TAG)));
    assertError(400, "InvalidArgument", () -> s3.getObjectAttributes(b -> b.bucket(BUCKET).key("there")
        .objectAttributesWithStrings("ETag", "Bogus")));
    assertError(400, "InvalidRequest", () -> s3.getObjectAttributes(b -> b.bucket(BUCKET).key("there")
        .objectAttributesWithStrings(List.of())));
    assertError(400, "InvalidArgument", () -> s3.getObjectAttributes(b -> b.bucket(BUCKET).key("there")
        .maxParts(-1).objectAttributes(ObjectAttributes.OBJECT_PARTS)));
  }
}

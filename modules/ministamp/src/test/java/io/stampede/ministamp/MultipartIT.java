package io.stampede.ministamp;

import static io.stampede.ministamp.S3OperationsIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** Multipart uploads and conditional writes through the real AWS SDK against a real stamp. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class MultipartIT {
  static final int MIB = 1 << 20;
  @RegisterExtension static final SharedStamp STAMP = new SharedStamp();
  static MiniStamp stamp;
  static S3Client s3;
  static final String BUCKET = "multi";

  @BeforeAll
  static void start() {
    stamp = STAMP.stamp();
    s3 = STAMP.s3();
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] md5(byte[] data) throws Exception {
    return MessageDigest.getInstance("MD5").digest(data);
  }

  static String create(String key) {
    return s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key).contentType("text/x-test")).uploadId();
  }

  static CompletedPart part(String key, String upload, int n, byte[] data) {
    UploadPartResponse r = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(upload).partNumber(n),
        RequestBody.fromBytes(data));
    return CompletedPart.builder().partNumber(n).eTag(r.eTag()).build();
  }

  static CompleteMultipartUploadResponse complete(String key, String upload, CompletedPart... parts) {
    return s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(upload)
        .multipartUpload(m -> m.parts(parts)));
  }

  @Test
  void partsBecomeOneObjectWithTheMultipartEtag() throws Exception {
    byte[] p1 = bytes(5 * MIB, 1);
    byte[] p2 = bytes(5 * MIB + 17, 2);
    byte[] p3 = bytes(1234, 3);
    String upload = create("big/object");
    CompletedPart c3 = part("big/object", upload, 3, p3);
    CompletedPart c1 = part("big/object", upload, 1, p1);
    part("big/object", upload, 2, bytes(5 * MIB, 99));
    CompletedPart c2 = part("big/object", upload, 2, p2); // a part uploaded again replaces the first one

    ListPartsResponse parts = s3.listParts(b -> b.bucket(BUCKET).key("big/object").uploadId(upload).maxParts(2));
    assertThat(parts.parts()).extracting(p -> p.partNumber()).containsExactly(1, 2);
    assertThat(parts.isTruncated()).isTrue();
    ListPartsResponse rest = s3.listParts(b -> b.bucket(BUCKET).key("big/object").uploadId(upload)
        .partNumberMarker(parts.nextPartNumberMarker()));
    assertThat(rest.parts()).extracting(p -> p.partNumber()).containsExactly(3);
    assertThat(rest.parts().get(0).size()).isEqualTo(1234L);

    CompleteMultipartUploadResponse done = complete("big/object", upload, c1, c2, c3);
    byte[] all = new byte[p1.length + p2.length + p3.length];
    System.arraycopy(p1, 0, all, 0, p1.length);
    System.arraycopy(p2, 0, all, p1.length, p2.length);
    System.arraycopy(p3, 0, all, p1.length + p2.length, p3.length);
    MessageDigest md = MessageDigest.getInstance("MD5");
    md.update(md5(p1));
    md.update(md5(p2));
    md.update(md5(p3));
    String etag = "\"" + HexFormat.of().formatHex(md.digest()) + "-3\"";
    assertThat(done.eTag()).isEqualTo(etag);
    byte[] got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("big/object")).asByteArray();
    assertThat(md5(got)).isEqualTo(md5(all));
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key("big/object")).contentType()).isEqualTo("text/x-test");
    byte[] second = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("big/object").partNumber(2)).asByteArray();
    assertThat(md5(second)).isEqualTo(md5(p2));
    assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix("big/")).uploads()).isEmpty();
    // S3 answers a completion repeated after it succeeded (SDKs retry one whose answer was lost)
    assertThat(complete("big/object", upload, c1, c2, c3).eTag()).isEqualTo(etag);
    s3.deleteObject(b -> b.bucket(BUCKET).key("big/object"));
    assertError(404, "NoSuchUpload", () -> complete("big/object", upload, c1, c2, c3));
  }

  @Test
  void uploadPartCopyTakesASpanOfAnotherObject() throws Exception {
    byte[] source = bytes(6 * MIB + 100, 7);
    s3.putObject(b -> b.bucket(BUCKET).key("copy/source"), RequestBody.fromBytes(source));
    String upload = create("copy/target");
    var first = s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("copy/source").copySourceRange(
        "bytes=0-" + (5 * MIB - 1)).destinationBucket(BUCKET).destinationKey("copy/target").uploadId(upload)
        .partNumber(2));
    var rest = s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("copy/source").copySourceRange(
        "bytes=" + 5 * MIB + "-" + (source.length - 1)).destinationBucket(BUCKET).destinationKey("copy/target")
        .uploadId(upload).partNumber(3));
    var whole = s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("copy/source")
        .destinationBucket(BUCKET).destinationKey("copy/target").uploadId(upload).partNumber(1));
    complete("copy/target", upload,
        CompletedPart.builder().partNumber(1).eTag(whole.copyPartResult().eTag()).build(),
        CompletedPart.builder().partNumber(2).eTag(first.copyPartResult().eTag()).build(),
        CompletedPart.builder().partNumber(3).eTag(rest.copyPartResult().eTag()).build());
    byte[] got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("copy/target")).asByteArray();
    byte[] want = new byte[source.length * 2];
    System.arraycopy(source, 0, want, 0, source.length);
    System.arraycopy(source, 0, want, source.length, source.length);
    assertThat(md5(got)).isEqualTo(md5(want));
    String other = create("copy/bad");
    assertError(400, "InvalidArgument", () -> s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("copy/source")
        .copySourceRange("bytes=0-" + source.length).destinationBucket(BUCKET).destinationKey("copy/bad")
        .uploadId(other).partNumber(1)));
    assertError(404, "NoSuchKey", () -> s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("copy/none")
        .destinationBucket(BUCKET).destinationKey("copy/bad").uploadId(other).partNumber(1)));
    assertError(404, "NoSuchUpload", () -> s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("copy/source")
        .destinationBucket(BUCKET).destinationKey("copy/bad").uploadId("nope").partNumber(1)));
    s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("copy/bad").uploadId(other));
  }

  @Test
  void completionChecksThePartsAsS3Does() {
    String key = "checked";
    String upload = create(key);
    CompletedPart c1 = part(key, upload, 1, bytes(1000, 4));
    CompletedPart c2 = part(key, upload, 2, bytes(1000, 5));
    assertError(400, "EntityTooSmall", () -> complete(key, upload, c1, c2));
    assertError(400, "InvalidPartOrder", () -> complete(key, upload, c2, c1));
    CompletedPart wrongEtag = c2.toBuilder().eTag("\"00000000000000000000000000000000\"").build();
    assertError(400, "InvalidPart", () -> complete(key, upload, c1, wrongEtag));
    CompletedPart missing = CompletedPart.builder().partNumber(7).eTag(c1.eTag()).build();
    assertError(400, "InvalidPart", () -> complete(key, upload, c1, missing));
    assertError(400, "InvalidArgument", () -> s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(upload)
        .partNumber(10001), RequestBody.fromBytes(new byte[1])));
    assertError(404, "NoSuchUpload", () -> s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId("nope")
        .partNumber(1), RequestBody.fromBytes(new byte[1])));
    // A single part may be small: only parts before the last must reach the minimum.
    complete(key, upload, c1);
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key(key)).contentLength()).isEqualTo(1000L);
    assertError(404, "NoSuchKey", () -> s3.headObject(b -> b.bucket(BUCKET).key("never-completed")));
  }

  @Test
  void abortDropsTheUploadAndListingsPaginate() {
    List<String> ids = new ArrayList<>();
    for (String key : List.of("u/a", "u/b", "u/b", "u/c/d", "u/c/e")) {
      ids.add(create(key));
    }
    ListMultipartUploadsResponse first = s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix("u/").maxUploads(2));
    assertThat(first.uploads()).extracting(MultipartUpload::key).containsExactly("u/a", "u/b");
    assertThat(first.isTruncated()).isTrue();
    ListMultipartUploadsResponse second = s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix("u/").maxUploads(2)
        .keyMarker(first.nextKeyMarker()).uploadIdMarker(first.nextUploadIdMarker()));
    assertThat(second.uploads()).extracting(MultipartUpload::key).containsExactly("u/b", "u/c/d");
    ListMultipartUploadsResponse rolled = s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix("u/").delimiter("/"));
    assertThat(rolled.uploads()).extracting(MultipartUpload::key).containsExactly("u/a", "u/b", "u/b");
    assertThat(rolled.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("u/c/");

    part("u/a", ids.get(0), 1, bytes(100, 6));
    assertThat(uploadStreams(ids.get(0))).hasSize(1);
    s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("u/a").uploadId(ids.get(0)));
    // The parts' stream is deleted from the stream layer (its replicas are collected as orphans).
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> uploadStreams(ids.get(0)).isEmpty());
    assertError(404, "NoSuchUpload", () -> s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("u/a")
        .uploadId(ids.get(0))));
    assertError(404, "NoSuchUpload", () -> s3.listParts(b -> b.bucket(BUCKET).key("u/a").uploadId(ids.get(0))));
    assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix("u/a")).uploads()).isEmpty();
    for (int i = 1; i < ids.size(); i++) {
      String id = ids.get(i);
      String key = List.of("u/a", "u/b", "u/b", "u/c/d", "u/c/e").get(i);
      s3.abortMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id));
    }
  }

  /** The streams of the stamp holding an upload's parts. */
  static List<String> uploadStreams(String uploadId) {
    return stamp.describe().extents().stream().map(e -> e.stream().value())
        .filter(id -> id.endsWith(".mpu." + uploadId)).distinct().toList();
  }

  @Test
  void compositeChecksumOfTheParts() {
    String key = "summed";
    String upload = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)
        .checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    for (int n = 1; n <= 2; n++) {
      int num = n;
      UploadPartResponse r = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(upload).partNumber(num)
          .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(bytes(5 * MIB, num)));
      parts.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumSHA256(r.checksumSHA256()).build());
    }
    CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key)
        .uploadId(upload).multipartUpload(m -> m.parts(parts)));
    assertThat(done.checksumSHA256()).endsWith("-2");
  }

  @Test
  void conditionalWritesHaveExactlyOneWinner() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> writers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        byte[] data = bytes(10_000, i);
        writers.add(() -> {
          try {
            s3.putObject(b -> b.bucket(BUCKET).key("race").ifNoneMatch("*"), RequestBody.fromBytes(data));
            return 200;
          } catch (S3Exception e) {
            return e.statusCode();
          }
        });
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(writers)) {
        statuses.add(f.get());
      }
      assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
      assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 412 || s == 409);
    } finally {
      pool.shutdownNow();
    }
    String etag = s3.headObject(b -> b.bucket(BUCKET).key("race")).eTag();
    assertError(412, "PreconditionFailed", () -> s3.putObject(b -> b.bucket(BUCKET).key("race")
        .ifMatch("\"0123456789abcdef0123456789abcdef\""), RequestBody.fromString("no")));
    s3.putObject(b -> b.bucket(BUCKET).key("race").ifMatch(etag), RequestBody.fromString("yes"));
    assertError(404, "NoSuchKey", () -> s3.putObject(b -> b.bucket(BUCKET).key("absent").ifMatch(etag),
        RequestBody.fromString("no")));
    String upload = create("race");
    CompletedPart p = part("race", upload, 1, bytes(10, 1));
    assertError(412, "PreconditionFailed", () -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("race")
        .uploadId(upload).ifNoneMatch("*").multipartUpload(m -> m.parts(p))));
    s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("race").uploadId(upload));
  }
}

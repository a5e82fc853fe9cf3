package io.stampede.ministamp;

import static io.stampede.ministamp.TestStamps.assertS3Error;
import static io.stampede.ministamp.S3OperationsIT.s3Error;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/** Object versions through the real AWS SDK against a real stamp: writes, reads, deletes and listings by version. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class VersioningIT {
  static final String MISSING_ID = "0123456789abcdefghijklmnopqrstuv";
  @RegisterExtension static final SharedStamp STAMP = new SharedStamp();
  static S3Client s3;

  @BeforeAll
  static void start() {
    s3 = STAMP.s3();
  }

  static void bucket(String name, BucketVersioningStatus status) {
    s3.createBucket(b -> b.bucket(name));
    if (status != null) {
      versioning(name, status);
    }
  }

  static void versioning(String name, BucketVersioningStatus status) {
    s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(c -> c.status(status)));
  }

  static String put(String bucket, String key, String data) {
    return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(data)).versionId();
  }

  static String get(String bucket, String key, String versionId) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId)).asUtf8String();
  }

  static String header(S3Exception e, String name) {
    return e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader(name).orElse(null);
  }

  @Test
  void enabledBucketsKeepEveryVersion() {
    bucket("enabled", null);
    assertThat(put("enabled", "k", "before")).isNull();
    versioning("enabled", BucketVersioningStatus.ENABLED);
    String v1 = put("enabled", "k", "one");
    String v2 = put("enabled", "k", "two");
    assertThat(v1).isNotNull().isNotEqualTo(v2).isNotEqualTo("null");

    assertThat(s3.getObjectAsBytes(b -> b.bucket("enabled").key("k")).response().versionId()).isEqualTo(v2);
    assertThat(get("enabled", "k", v1)).isEqualTo("one");
    assertThat(get("enabled", "k", v2)).isEqualTo("two");
    assertThat(get("enabled", "k", "null")).isEqualTo("before");
    assertThat(s3.getObjectAsBytes(b -> b.bucket("enabled").key("k").versionId("null")).response().versionId())
        .isEqualTo("null");
    assertThat(s3.headObject(b -> b.bucket("enabled").key("k").versionId(v1)).versionId()).isEqualTo(v1);
    assertThat(s3.headObject(b -> b.bucket("enabled").key("k").versionId(v1)).contentLength()).isEqualTo(3L);

    assertS3Error(400, "InvalidArgument", () -> get("enabled", "k", "not-a-version"));
    assertS3Error(404, "NoSuchVersion", () -> get("enabled", "k", MISSING_ID));
    assertThat(s3Error(() -> s3.headObject(b -> b.bucket("enabled").key("k").versionId(MISSING_ID))).statusCode())
        .isEqualTo(404);
    assertThat(s3Error(() -> s3.headObject(b -> b.bucket("enabled").key("k").versionId("bad"))).statusCode())
        .isEqualTo(400);

    DeleteObjectResponse gone = s3.deleteObject(b -> b.bucket("enabled").key("k").versionId(v1));
    assertThat(gone.versionId()).isEqualTo(v1);
    assertThat(gone.deleteMarker()).isNull();
    assertS3Error(404, "NoSuchVersion", () -> get("enabled", "k", v1));
    assertThat(get("enabled", "k", v2)).isEqualTo("two");
  }

  @Test
  void deleteMarkersHideTheKeyUntilRemoved() {
    bucket("markers", BucketVersioningStatus.ENABLED);
    String v1 = put("markers", "k", "data");
    DeleteObjectResponse deleted = s3.deleteObject(b -> b.bucket("markers").key("k"));
    assertThat(deleted.deleteMarker()).isTrue();
    String marker = deleted.versionId();
    assertThat(marker).isNotNull().isNotEqualTo(v1);

    S3Exception noKey = s3Error(() -> get("markers", "k", null));
    assertThat(noKey.statusCode()).isEqualTo(404);
    assertThat(noKey.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
    assertThat(header(noKey, "x-amz-delete-marker")).isEqualTo("true");
    assertThat(header(noKey, "x-amz-version-id")).isEqualTo(marker);
    S3Exception headNoKey = s3Error(() -> s3.headObject(b -> b.bucket("markers").key("k")));
    assertThat(headNoKey.statusCode()).isEqualTo(404);
    assertThat(header(headNoKey, "x-amz-delete-marker")).isEqualTo("true");

    S3Exception byId = s3Error(() -> get("markers", "k", marker));
    assertThat(byId.statusCode()).isEqualTo(405);
    assertThat(byId.awsErrorDetails().errorCode()).isEqualTo("MethodNotAllowed");
    assertThat(header(byId, "x-amz-delete-marker")).isEqualTo("true");
    assertThat(header(byId, "Last-Modified")).isNotNull();
    S3Exception headById = s3Error(() -> s3.headObject(b -> b.bucket("markers").key("k").versionId(marker)));
    assertThat(headById.statusCode()).isEqualTo(405);
    assertThat(header(headById, "x-amz-version-id")).isEqualTo(marker);
    assertS3Error(405, "MethodNotAllowed", () -> s3.getObjectTagging(b -> b.bucket("markers").key("k").versionId(marker)));
    assertS3Error(404, "NoSuchKey", () -> s3.getObjectTagging(b -> b.bucket("markers").key("k")));
    assertThat(s3.listObjectsV2(b -> b.bucket("markers")).contents()).isEmpty();
    assertThat(get("markers", "k", v1)).isEqualTo("data");

    DeleteObjectResponse unmarked = s3.deleteObject(b -> b.bucket("markers").key("k").versionId(marker));
    assertThat(unmarked.deleteMarker()).isTrue();
    assertThat(unmarked.versionId()).isEqualTo(marker);
    assertThat(get("markers", "k", null)).isEqualTo("data");
    assertThat(s3.deleteObject(b -> b.bucket("markers").key("k").versionId(MISSING_ID)).versionId())
        .isEqualTo(MISSING_ID);
    assertS3Error(400, "InvalidArgument", () -> s3.deleteObject(b -> b.bucket("markers").key("k").versionId("x")));
  }

  @Test
  void suspendedBucketsWriteTheNullVersion() {
    bucket("suspended", BucketVersioningStatus.ENABLED);
    String kept = put("suspended", "k", "kept");
    versioning("suspended", BucketVersioningStatus.SUSPENDED);
    assertThat(put("suspended", "k", "first null")).isEqualTo("null");
    assertThat(put("suspended", "k", "second null")).isEqualTo("null");
    assertThat(get("suspended", "k", "null")).isEqualTo("second null");
    assertThat(s3.getObjectAsBytes(b -> b.bucket("suspended").key("k")).response().versionId()).isEqualTo("null");
    assertThat(get("suspended", "k", kept)).isEqualTo("kept");

    DeleteObjectResponse deleted = s3.deleteObject(b -> b.bucket("suspended").key("k"));
    assertThat(deleted.deleteMarker()).isTrue();
    assertThat(deleted.versionId()).isEqualTo("null");
    ListObjectVersionsResponse all = s3.listObjectVersions(b -> b.bucket("suspended"));
    assertThat(all.deleteMarkers()).extracting(DeleteMarkerEntry::versionId).containsExactly("null");
    assertThat(all.versions()).extracting(ObjectVersion::versionId).containsExactly(kept);
  }

  @Test
  void neverVersionedBucketsAnswerNoVersionIds() {
    bucket("plain", null);
    assertThat(put("plain", "k", "data")).isNull();
    assertThat(s3.getObjectAsBytes(b -> b.bucket("plain").key("k")).response().versionId()).isNull();
    assertThat(get("plain", "k", "null")).isEqualTo("data");
    DeleteObjectResponse deleted = s3.deleteObject(b -> b.bucket("plain").key("k"));
    assertThat(deleted.deleteMarker()).isNull();
    assertThat(deleted.versionId()).isNull();
    assertS3Error(404, "NoSuchKey", () -> get("plain", "k", null));
    ListObjectVersionsResponse none = s3.listObjectVersions(b -> b.bucket("plain"));
    assertThat(none.versions()).isEmpty();
    assertThat(none.deleteMarkers()).isEmpty();
  }

  @Test
  void deleteWithIfMatchDeletesOnlyThatEtag() {
    bucket("conditional", null);
    put("conditional", "k", "data");
    String etag = s3.headObject(b -> b.bucket("conditional").key("k")).eTag();
    assertS3Error(412, "PreconditionFailed", () -> s3.deleteObject(b -> b.bucket("conditional").key("k")
        .ifMatch("\"0123456789abcdef0123456789abcdef\"")));
    assertThat(get("conditional", "k", null)).isEqualTo("data");
    s3.deleteObject(b -> b.bucket("conditional").key("k").ifMatch(etag));
    assertS3Error(404, "NoSuchKey", () -> get("conditional", "k", null));
    assertS3Error(404, "NoSuchKey", () -> s3.deleteObject(b -> b.bucket("conditional").key("k").ifMatch(etag)));
  }

  @Test
  void listingsInterleaveVersionsAndMarkersAndPaginate() {
    bucket("listed", BucketVersioningStatus.ENABLED);
    List<String> a = List.of(put("listed", "a", "1"), put("listed", "a", "2"));
    String aMarker = s3.deleteObject(b -> b.bucket("listed").key("a")).versionId();
    String b1 = put("listed", "b c", "3");
    put("listed", "dir/x", "4");
    put("listed", "dir/y", "5");

    ListObjectVersionsResponse all = s3.listObjectVersions(b -> b.bucket("listed"));
    assertThat(all.isTruncated()).isFalse();
    assertThat(all.deleteMarkers()).singleElement().satisfies(m -> {
      assertThat(m.key()).isEqualTo("a");
      assertThat(m.versionId()).isEqualTo(aMarker);
      assertThat(m.isLatest()).isTrue();
      assertThat(m.owner().id()).isEqualTo(UsersAndAclIT.OWNER_ID);
    });
    assertThat(all.versions()).extracting(v -> v.key() + "@" + v.versionId() + ":" + v.isLatest())
        .startsWith("a@" + a.get(1) + ":false", "a@" + a.get(0) + ":false", "b c@" + b1 + ":true");
    assertThat(all.versions()).extracting(ObjectVersion::key).containsExactly("a", "a", "b c", "dir/x", "dir/y");
    assertThat(all.versions().get(2).size()).isEqualTo(1L);
    assertThat(all.versions().get(2).eTag()).startsWith("\"");

    List<String> paged = new ArrayList<>();
    ListObjectVersionsRequest.Builder req = ListObjectVersionsRequest.builder().bucket("listed").maxKeys(2);
    for (int pages = 0; pages < 10; pages++) {
      ListObjectVersionsResponse page = s3.listObjectVersions(req.build());
      page.deleteMarkers().forEach(m -> paged.add(m.key() + "@" + m.versionId()));
      page.versions().forEach(v -> paged.add(v.key() + "@" + v.versionId()));
      assertThat(page.deleteMarkers().size() + page.versions().size()).isLessThanOrEqualTo(2);
      if (!page.isTruncated()) {
        break;
      }
      req.keyMarker(page.nextKeyMarker()).versionIdMarker(page.nextVersionIdMarker());
    }
    assertThat(paged).hasSize(6).doesNotHaveDuplicates();

    ListObjectVersionsResponse rolled = s3.listObjectVersions(b -> b.bucket("listed").delimiter("/")
        .prefix("").encodingType(EncodingType.URL));
    assertThat(rolled.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("dir/");
    assertThat(rolled.versions()).extracting(ObjectVersion::key).contains("b c");
    ListObjectVersionsResponse from = s3.listObjectVersions(b -> b.bucket("listed").keyMarker("a")
        .versionIdMarker(a.get(1)));
    assertThat(from.versions()).extracting(ObjectVersion::versionId).startsWith(a.get(0), b1);
    assertThat(from.deleteMarkers()).isEmpty();

    assertS3Error(400, "InvalidArgument", () -> s3.listObjectVersions(b -> b.bucket("listed").versionIdMarker(b1)));
    assertS3Error(400, "InvalidArgument", () -> s3.listObjectVersions(b -> b.bucket("listed").keyMarker("a")
        .versionIdMarker("bad")));
    assertS3Error(404, "NoSuchBucket", () -> s3.listObjectVersions(b -> b.bucket("no-such-bucket")));
  }

  @Test
  void tagsAndMultipartUploadsFollowVersions() {
    bucket("versioned-extras", BucketVersioningStatus.ENABLED);
    String v1 = s3.putObject(b -> b.bucket("versioned-extras").key("t").tagging("n=1"), RequestBody.fromString("1"))
        .versionId();
    String v2 = put("versioned-extras", "t", "2");
    var tagged = s3.putObjectTagging(b -> b.bucket("versioned-extras").key("t").versionId(v1)
        .tagging(t -> t.tagSet(Tag.builder().key("n").value("one").build())));
    assertThat(tagged.versionId()).isEqualTo(v1);
    assertThat(s3.getObjectTagging(b -> b.bucket("versioned-extras").key("t").versionId(v1)).tagSet())
        .containsExactly(Tag.builder().key("n").value("one").build());
    assertThat(s3.getObjectTagging(b -> b.bucket("versioned-extras").key("t")).versionId()).isEqualTo(v2);
    assertThat(s3.getObjectTagging(b -> b.bucket("versioned-extras").key("t")).tagSet()).isEmpty();
    assertThat(s3.headObject(b -> b.bucket("versioned-extras").key("t").versionId(v1)).tagCount()).isEqualTo(1);
    assertThat(s3.deleteObjectTagging(b -> b.bucket("versioned-extras").key("t").versionId(v1)).versionId())
        .isEqualTo(v1);

    String upload = s3.createMultipartUpload(b -> b.bucket("versioned-extras").key("t")).uploadId();
    String etag = s3.uploadPart(b -> b.bucket("versioned-extras").key("t").uploadId(upload).partNumber(1),
        RequestBody.fromString("3")).eTag();
    String v3 = s3.completeMultipartUpload(b -> b.bucket("versioned-extras").key("t").uploadId(upload)
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))).versionId();
    assertThat(v3).isNotNull().isNotIn(v1, v2, "null");
    assertThat(get("versioned-extras", "t", null)).isEqualTo("3");
    assertThat(get("versioned-extras", "t", v2)).isEqualTo("2");

    String v4 = s3.copyObject(b -> b.sourceBucket("versioned-extras").sourceKey("t").sourceVersionId(v1)
        .destinationBucket("versioned-extras").destinationKey("t")).versionId();
    assertThat(v4).isNotNull().isNotIn(v1, v2, v3, "null");
    assertThat(get("versioned-extras", "t", null)).isEqualTo("1");

    var batch = s3.deleteObjects(b -> b.bucket("versioned-extras").delete(d -> d.objects(
        o -> o.key("t"), o -> o.key("t").versionId(v2))));
    assertThat(batch.errors()).isEmpty();
    assertThat(batch.deleted()).anySatisfy(d -> {
      assertThat(d.deleteMarker()).isTrue();
      assertThat(d.deleteMarkerVersionId()).isNotNull().isNotIn(v1, v2, v3, v4);
    });
    assertS3Error(404, "NoSuchKey", () -> get("versioned-extras", "t", null));
    assertS3Error(404, "NoSuchVersion", () -> get("versioned-extras", "t", v2));
    assertThat(get("versioned-extras", "t", v4)).isEqualTo("1");
  }
}

package io.stampede.frontend.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.FrontendNodeId;
import io.stampede.common.id.StampId;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.s3.BucketRegistry;
import io.stampede.frontend.s3.S3Services;
import io.stampede.frontend.testing.InMemoryLocationApi;
import io.stampede.frontend.testing.InMemoryPartitionApi;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingTest {
  final FrontendConfig config =
      FrontendConfig.defaults(FrontendNodeId.of("fe"), StampId.of("s"), Map.of("ak", "sk"));
  final Clock clock = Clock.systemUTC();
  final InMemoryLocationApi locations = new InMemoryLocationApi(clock);
  final OperationTable table = new OperationTable(new S3Services(config, new InMemoryPartitionApi(clock), locations,
      new BucketRegistry(locations, clock, Duration.ofSeconds(1)), new FrontendMetrics(new SimpleMeterRegistry(), config),
      clock, null));

  @Test
  void pathAndVirtualHostedAddresses() {
    assertEquals(new S3Address("b", "k/x y", false), S3Address.parse("127.0.0.1:9000", "/b/k/x%20y", List.of("localhost")));
    assertEquals(new S3Address("b", null, false), S3Address.parse("localhost:9000", "/b/", List.of("localhost")));
    assertEquals(new S3Address(null, null, false), S3Address.parse("localhost", "/", List.of("localhost")));
    assertEquals(new S3Address("my.bucket", "k//z", true), S3Address.parse("My.Bucket.localhost:9000", "/k//z", List.of("localhost")));
    assertEquals(new S3Address("b", null, true), S3Address.parse("b.s3.example.com", "/", List.of("s3.example.com")));
    assertEquals(new S3Address("b", "k", false), S3Address.parse("s3.example.com", "/b/k", List.of("s3.example.com")));
    assertEquals("/b/k", S3Address.parse(null, "/b/k", List.of("localhost")).resource());
  }

  @Test
  void virtualHostsUnderAnyDomainTheLongestWinning() {
    List<String> domains = List.of("localhost", "stampede.test", "s3.stampede.test");
    assertEquals(new S3Address("b", "k", true), S3Address.parse("b.s3.stampede.test:9000", "/k", domains));
    assertEquals(new S3Address("b", null, true), S3Address.parse("b.localhost", "/", domains));
    assertEquals(new S3Address("s3", "k", true), S3Address.parse("s3.stampede.test", "/k", List.of("stampede.test")));
    assertEquals(new S3Address("b", "k", false), S3Address.parse("s3.stampede.test", "/b/k", domains));
  }

  @Test
  void oddKeysDecodeOnceAndKeepEverySlash() {
    assertEquals(new S3Address("b", "/lead", false), S3Address.parse("h", "/b//lead", List.of("localhost")));
    assertEquals(new S3Address("b", "/", false), S3Address.parse("h", "/b//", List.of("localhost")));
    assertEquals(new S3Address("b", "dir/", false), S3Address.parse("h", "/b/dir/", List.of("localhost")));
    assertEquals(new S3Address("b", "a/../b/./c", false), S3Address.parse("h", "/b/a/../b/./c", List.of("localhost")));
    assertEquals(new S3Address("b", "a+b %41%", false), S3Address.parse("h", "/b/a+b%20%2541%25", List.of("localhost")));
    assertEquals(new S3Address("b", "?#&=\u00fc\uD83D\uDE00", false),
        S3Address.parse("h", "/b/%3F%23%26%3D%C3%BC%F0%9F%98%80", List.of("localhost")));
    assertEquals(new S3Address("b", "x//y", false), S3Address.parse("h", "/b/x/%2Fy", List.of("localhost")));
    assertEquals(new S3Address("b", "/", true), S3Address.parse("b.localhost", "//", List.of("localhost")));
    assertError(S3Error.INVALID_URI, () -> S3Address.parse("h", "/b/%zz", List.of("localhost")));
    assertError(S3Error.INVALID_URI, () -> S3Address.parse("h", "/b/%C3", List.of("localhost")));
  }

  @Test
  void everyObjectOperationRefusesKeysOver1024Bytes() {
    String longest = "\uD83D\uDE00".repeat(256);
    assertEquals("GetObject", op(HttpMethod.GET, "b", longest, ""));
    for (String key : java.util.List.of("a".repeat(1025), longest + "a", "\u00e9".repeat(513))) {
      for (HttpMethod m : java.util.List.of(HttpMethod.PUT, HttpMethod.GET, HttpMethod.HEAD, HttpMethod.DELETE)) {
        assertError(S3Error.KEY_TOO_LONG, () -> op(m, "b", key, ""));
      }
      assertError(S3Error.KEY_TOO_LONG, () -> op(HttpMethod.POST, "b", key, "uploads"));
    }
  }

  String op(HttpMethod m, String bucket, String key, String query) {
    MultiMap params = io.stampede.frontend.http.UriEncoding.parseQuery(query);
    return table.select(m, new S3Address(bucket, key, false), params, MultiMap.caseInsensitiveMultiMap()).operation();
  }

  @Test
  void operationsByMethodAndSubresource() {
    assertEquals("ListBuckets", op(HttpMethod.GET, null, null, ""));
    assertEquals("ListObjects", op(HttpMethod.GET, "b", null, "prefix=x"));
    assertEquals("ListObjectsV2", op(HttpMethod.GET, "b", null, "list-type=2"));
    assertEquals("GetBucketLocation", op(HttpMethod.GET, "b", null, "location"));
    assertEquals("CreateBucket", op(HttpMethod.PUT, "b", null, ""));
    assertEquals("HeadBucket", op(HttpMethod.HEAD, "b", null, ""));
    assertEquals("DeleteBucket", op(HttpMethod.DELETE, "b", null, ""));
    assertEquals("PutObject", op(HttpMethod.PUT, "b", "k", "x-id=PutObject"));
    assertEquals("GetObject", op(HttpMethod.GET, "b", "k", "versionId=null&response-content-type=a"));
    assertEquals("HeadObject", op(HttpMethod.HEAD, "b", "k", ""));
    assertEquals("DeleteObject", op(HttpMethod.DELETE, "b", "k", ""));
    assertEquals("GetBucketAcl", op(HttpMethod.GET, "b", null, "acl"));
    assertEquals("PutBucketAcl", op(HttpMethod.PUT, "b", null, "acl"));
    assertEquals("GetObjectAcl", op(HttpMethod.GET, "b", "k", "acl"));
    assertEquals("PutObjectAcl", op(HttpMethod.PUT, "b", "k", "acl"));
    assertEquals("GetObjectAcl", op(HttpMethod.GET, "b", "k", "acl&versionId=v1"));
    assertError(S3Error.NOT_IMPLEMENTED, () -> op(HttpMethod.GET, "b", null, "policy"));
    assertEquals("CreateMultipartUpload", op(HttpMethod.POST, "b", "k", "uploads"));
    assertEquals("UploadPart", op(HttpMethod.PUT, "b", "k", "partNumber=1&uploadId=x"));
    assertEquals("CompleteMultipartUpload", op(HttpMethod.POST, "b", "k", "uploadId=x"));
    assertEquals("AbortMultipartUpload", op(HttpMethod.DELETE, "b", "k", "uploadId=x"));
    assertEquals("ListParts", op(HttpMethod.GET, "b", "k", "uploadId=x"));
    assertEquals("ListMultipartUploads", op(HttpMethod.GET, "b", null, "uploads"));
    assertEquals("GetObject", op(HttpMethod.GET, "b", "k", "partNumber=2"));
    assertEquals("GetObject", op(HttpMethod.GET, "b", "k", "versionId=abc"));
    assertEquals("HeadObject", op(HttpMethod.HEAD, "b", "k", "versionId=null&partNumber=1"));
    assertEquals("DeleteObject", op(HttpMethod.DELETE, "b", "k", "versionId=x"));
    assertEquals("ListObjectVersions", op(HttpMethod.GET, "b", null, "versions&prefix=a"));
    assertEquals("PutObjectTagging", op(HttpMethod.PUT, "b", "k", "tagging"));
    assertEquals("GetObjectTagging", op(HttpMethod.GET, "b", "k", "tagging&versionId=null"));
    assertEquals("DeleteObjectTagging", op(HttpMethod.DELETE, "b", "k", "tagging&versionId=v"));
    assertEquals("GetObjectAttributes", op(HttpMethod.GET, "b", "k", "attributes"));
    assertEquals("GetObjectAttributes", op(HttpMethod.GET, "b", "k", "attributes&versionId=3"));
    assertError(S3Error.NOT_IMPLEMENTED, () -> op(HttpMethod.GET, "b", "k", "attributes&acl"));
    assertError(S3Error.NOT_IMPLEMENTED, () -> op(HttpMethod.PUT, "b", "k", "partNumber=1"));
    assertEquals("UploadPartCopy", table.select(HttpMethod.PUT, new S3Address("b", "k", false),
        io.stampede.frontend.http.UriEncoding.parseQuery("partNumber=1&uploadId=u"),
        MultiMap.caseInsensitiveMultiMap().add("x-amz-copy-source", "/s/k")).operation());
    assertError(S3Error.METHOD_NOT_ALLOWED, () -> op(HttpMethod.PUT, null, null, ""));
    assertError(S3Error.METHOD_NOT_ALLOWED, () -> op(HttpMethod.PATCH, "b", "k", ""));
  }

  @Test
  void configValidatesAndDefaults() {
    assertEquals("us-east-1", config.region());
    assertEquals(5L << 30, config.maxObjectBytes());
    assertEquals(List.of("localhost"), config.domains());
    assertThrows(IllegalArgumentException.class, () -> config.withEndpoint("h", 70000));
    assertThrows(IllegalArgumentException.class,
        () -> FrontendConfig.defaults(FrontendNodeId.of("fe"), StampId.of("s"), Map.of()));
    assertTrue(config.toString().contains("accessKeys=[ak]"));
  }

  static void assertError(S3Error expected, Runnable r) {
    assertEquals(expected, assertThrows(S3Exception.class, r::run).error());
  }

  @Test
  void bucketSettingsSubresources() {
    assertEquals("GetBucketVersioning", op(HttpMethod.GET, "b", null, "versioning"));
    assertEquals("PutBucketVersioning", op(HttpMethod.PUT, "b", null, "versioning"));
    assertEquals("GetBucketTagging", op(HttpMethod.GET, "b", null, "tagging"));
    assertEquals("PutBucketTagging", op(HttpMethod.PUT, "b", null, "tagging"));
    assertEquals("DeleteBucketTagging", op(HttpMethod.DELETE, "b", null, "tagging"));
    assertEquals("GetBucketCors", op(HttpMethod.GET, "b", null, "cors"));
    assertEquals("PutBucketCors", op(HttpMethod.PUT, "b", null, "cors"));
    assertEquals("DeleteBucketCors", op(HttpMethod.DELETE, "b", null, "cors"));
    assertEquals("GetBucketLifecycleConfiguration", op(HttpMethod.GET, "b", null, "lifecycle"));
    assertEquals("PutBucketLifecycleConfiguration", op(HttpMethod.PUT, "b", null, "lifecycle"));
    assertEquals("DeleteBucketLifecycle", op(HttpMethod.DELETE, "b", null, "lifecycle"));
    assertEquals("OptionsObject", op(HttpMethod.OPTIONS, "b", null, ""));
    assertEquals("OptionsObject", op(HttpMethod.OPTIONS, "b", "k", "uploads"));
    S3Exception e = assertThrows(S3Exception.class, () -> op(HttpMethod.POST, "b", null, "cors"));
    assertEquals(S3Error.METHOD_NOT_ALLOWED, e.error());
    e = assertThrows(S3Exception.class, () -> op(HttpMethod.DELETE, "b", null, "versioning"));
    assertEquals(S3Error.METHOD_NOT_ALLOWED, e.error());
  }
}

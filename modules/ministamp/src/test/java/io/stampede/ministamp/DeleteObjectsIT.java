package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** DeleteObjects through the AWS SDK against a real stamp: results, quiet mode, per-key errors, integrity checks. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DeleteObjectsIT {
  static final String BUCKET = "batch";
  @RegisterExtension static final SharedStamp STAMP = new SharedStamp();
  static MiniStamp stamp;
  static S3Client s3;
  static final Map<String, String> sentHeaders = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    stamp = STAMP.stamp();
    s3 = STAMP.s3();
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  static void put(String... keys) {
    for (String k : keys) {
      s3.putObject(b -> b.bucket(BUCKET).key(k), RequestBody.fromString("v-" + k));
    }
  }

  static List<ObjectIdentifier> ids(String... keys) {
    List<ObjectIdentifier> ids = new ArrayList<>();
    for (String k : keys) {
      ids.add(ObjectIdentifier.builder().key(k).build());
    }
    return ids;
  }

  static DeleteObjectsResponse delete(S3Client client, List<ObjectIdentifier> ids, boolean quiet) {
    return client.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(ids).quiet(quiet)));
  }

  static List<String> remaining(String prefix) {
    return s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key).toList();
  }


  /** A client that records the headers of the DeleteObjects requests it sends. */
  static S3Client recording() {
    ExecutionInterceptor interceptor = new ExecutionInterceptor() {
      @Override
      public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        SdkHttpRequest r = context.httpRequest();
        if (r.rawQueryParameters().containsKey("delete")) {
          r.headers().forEach((name, values) -> sentHeaders.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        }
      }
    };
    return S3Client.builder()
        .endpointOverride(URI.create("http://" + stamp.s3Endpoint()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(StampConfig.DEFAULT_ACCESS_KEY, StampConfig.DEFAULT_SECRET_KEY)))
        .forcePathStyle(true)
        .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor))
        .build();
  }

  /** POST /batch?delete with {@code xml} and {@code headers}, signed by the SDK's signer, sent raw. */
  static HttpResponse<String> rawDelete(String xml, Map<String, String> headers) {
    return new RawS3(stamp).signed("POST", "/" + BUCKET + "?delete", xml, headers);
  }

  static String md5Base64(String s) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  static void assertRawError(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.body()).contains("<Code>" + code + "</Code>");
  }

  @Test
  void deletesExistingAndMissingKeysInRequestOrder() {
    put("a/1", "a/2", "a/3");
    DeleteObjectsResponse r = delete(s3, ids("a/2", "a/missing", "a/1", "a/3"), false);
    assertThat(r.deleted()).extracting(DeletedObject::key).containsExactly("a/2", "a/missing", "a/1", "a/3");
    assertThat(r.deleted()).allSatisfy(d -> {
      assertThat(d.deleteMarker()).isNull();
      assertThat(d.versionId()).isNull();
    });
    assertThat(r.errors()).isEmpty();
    assertThat(remaining("a/")).isEmpty();
  }

  @Test
  void quietModeListsOnlyErrors() {
    put("q/1", "q/2");
    DeleteObjectsResponse r = delete(s3, ids("q/1", "q/2", "q/" + "k".repeat(1100)), true);
    assertThat(r.deleted()).isEmpty();
    assertThat(r.errors()).extracting(S3Error::code).containsExactly("KeyTooLongError");
    assertThat(remaining("q/")).isEmpty();
  }

  @Test
  void perKeyErrorsLeaveTheOthersDeleted() {
    put("e/1");
    String tooLong = "e/" + "x".repeat(1023);
    DeleteObjectsResponse r = delete(s3, ids("e/1", tooLong), false);
    assertThat(r.deleted()).extracting(DeletedObject::key).containsExactly("e/1");
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.key()).isEqualTo(tooLong);
      assertThat(e.code()).isEqualTo("KeyTooLongError");
      assertThat(e.message()).isNotEmpty();
    });
  }

  @Test
  void oddKeysRoundTrip() {
    String[] keys = {" lead and trail ", "a&b<c>\"d'", "ünï/cødé", "x+y%20z", "dir//sub/"};
    put(keys);
    DeleteObjectsResponse r = delete(s3, ids(keys), false);
    assertThat(r.deleted()).extracting(DeletedObject::key).containsExactly(keys);
    for (String k : keys) {
      assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket(BUCKET).key(k)));
    }
  }

  @Test
  void upToAThousandKeys() {
    put("m/0", "m/500", "m/999");
    String[] keys = IntStream.range(0, 1000).mapToObj(i -> "m/" + i).toArray(String[]::new);
    DeleteObjectsResponse r = delete(s3, ids(keys), false);
    assertThat(r.deleted()).hasSize(1000);
    assertThat(remaining("m/")).isEmpty();
    String[] tooMany = IntStream.range(0, 1001).mapToObj(i -> "m/" + i).toArray(String[]::new);
    TestStamps.assertS3Error(400, "MalformedXML", () -> delete(s3, ids(tooMany), false));
  }

  @Test
  void sdkSendsAChecksumHeader() {
    try (S3Client c = recording()) {
      delete(c, ids("nothing"), false);
    }
    System.out.println("DeleteObjects headers from the SDK: " + sentHeaders);
    assertThat(sentHeaders.keySet()).anyMatch(h -> h.startsWith("x-amz-checksum-") || h.equals("content-md5"));
  }

  @Test
  void integrityCheckIsRequired() throws Exception {
    put("i/1");
    String xml = "<Delete><Object><Key>i/1</Key></Object></Delete>";
    assertRawError(rawDelete(xml, Map.of()), 400, "InvalidRequest");
    assertRawError(rawDelete(xml, Map.of("x-amz-sdk-checksum-algorithm", "CRC32")), 400, "InvalidRequest");
    assertRawError(rawDelete(xml, Map.of("x-amz-checksum-crc32", "AAAAAA==")), 400, "BadDigest");
    assertRawError(rawDelete(xml, Map.of("Content-MD5", md5Base64("something else"))), 400, "BadDigest");
    assertRawError(rawDelete(xml, Map.of("Content-MD5", "!!")), 400, "InvalidDigest");
    assertThat(remaining("i/")).containsExactly("i/1");
    HttpResponse<String> ok = rawDelete(xml, Map.of("Content-MD5", md5Base64(xml)));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ok.body()).contains("<Deleted><Key>i/1</Key></Deleted>");
    assertThat(remaining("i/")).isEmpty();
  }

  @Test
  void malformedDocuments() throws Exception {
    for (String xml : List.of("not xml", "<Delete></Delete>", "<Other><Object><Key>k</Key></Object></Other>",
        "<Delete><Object><VersionId>v</VersionId></Object></Delete>", "<Delete><Object><Key></Key></Object></Delete>",
        "<Delete><Quiet>maybe</Quiet><Object><Key>k</Key></Object></Delete>")) {
      assertRawError(rawDelete(xml, Map.of("Content-MD5", md5Base64(xml))), 400, "MalformedXML");
    }
  }

  @Test
  void missingBucket() {
    TestStamps.assertS3Error(404, "NoSuchBucket", () -> s3.deleteObjects(b -> b.bucket("no-such-batch")
        .delete(d -> d.objects(ids("k")))));
  }
}

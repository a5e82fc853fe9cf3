package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keys up to 1024 bytes of UTF-8 with every character S3 allows but control characters, through
 * every object operation and listing, with the AWS SDK's default settings; listings in UTF-8 byte
 * order.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class OddKeysIT {
  static final String BUCKET = "odd-keys";
  /** U+FFFD sorts after a surrogate pair in UTF-16 but before it in UTF-8. */
  static final String REPLACEMENT = "order/\uFFFD";
  static final String EMOJI = "order/\uD83D\uDE00";
  static final String PRIVATE_USE = "order/\uE000";

  static final List<String> KEYS = List.of(
      "plain",
      "with space", " leading space", "trailing space ", "two  spaces",
      "a+b", "a+b c", "100%", "%41 is not A", "%", "%%", "%zz", "%2F", "%252F",
      "unicode/\u00fc\u00f1\u00ed/\u65e5\u672c\u8a9e/\u03a9", "emoji/\uD83D\uDE00", "emoji/\uD83D\uDE00/\uD83C\uDF89\uD83C\uDF89",
      REPLACEMENT, EMOJI, PRIVATE_USE, "order/\u007f", "order/\u0080", "order/\u07ff", "order/\u0800",
      "double//slash", "//two-leading", "/leading", "trailing/", "dir//", "/", "//",
      "a/./b", "a/../b", "./dot", "../dotdot", "..", ".", "dots...",
      "?question", "q?a=b&c=d", "#hash", "a#b", "&amp", "eq=", "semi;colon", "colon:x", "comma,x", "at@x",
      "dollar$x", "quote'x", "dquote\"x", "back\\slash", "brackets[]{}()<>", "caret^tilde~backtick`pipe|",
      "star*bang!", "xml &lt; <tag/> &amp;", "tab-free ascii !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
      "a".repeat(1024),
      "\uD83D\uDE00".repeat(256),
      "\u00e9".repeat(512),
      "\u65e5".repeat(341) + "a",
      "long/" + "d/".repeat(300) + "x".repeat(1024 - 5 - 600));

  @RegisterExtension static final SharedStamp STAMP = new SharedStamp();
  static S3Client s3;

  @BeforeAll
  static void start() {
    s3 = STAMP.s3();
    s3.createBucket(b -> b.bucket(BUCKET));
    for (String key : KEYS) {
      s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(key));
    }
  }

  static int utf8Compare(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  static List<String> utf8Sorted(List<String> keys) {
    return keys.stream().sorted(OddKeysIT::utf8Compare).toList();
  }

  @Test
  void theKeysAreWhatTheTestClaims() {
    assertThat(KEYS).doesNotHaveDuplicates();
    assertThat(KEYS).allSatisfy(k -> assertThat(k.getBytes(StandardCharsets.UTF_8).length).isBetween(1, 1024));
    assertThat(KEYS.stream().filter(k -> k.getBytes(StandardCharsets.UTF_8).length == 1024)).hasSize(5);
    assertThat(REPLACEMENT.compareTo(EMOJI)).as("UTF-16 order").isPositive();
    assertThat(utf8Compare(REPLACEMENT, EMOJI)).as("UTF-8 order").isNegative();
    assertThat(utf8Sorted(KEYS)).isNotEqualTo(KEYS.stream().sorted().toList());
  }

  @Test
  void getAndHeadReturnEveryKeyByteForByte() {
    for (String key : KEYS) {
      assertEquals(key, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String(), key);
      assertEquals(key.getBytes(StandardCharsets.UTF_8).length,
          s3.headObject(b -> b.bucket(BUCKET).key(key)).contentLength(), key);
    }
  }

  @Test
  void listingsReturnEveryKeyInUtf8ByteOrder() {
    List<String> expected = utf8Sorted(KEYS);
    for (EncodingType encoding : new EncodingType[] {null, EncodingType.URL}) {
      List<String> v2 = s3.listObjectsV2(b -> b.bucket(BUCKET).encodingType(encoding)).contents().stream()
          .map(S3Object::key).toList();
      assertEquals(expected, v2, "ListObjectsV2 encoding " + encoding);
      List<String> v1 = s3.listObjects(b -> b.bucket(BUCKET).encodingType(encoding)).contents().stream()
          .map(S3Object::key).toList();
      assertEquals(expected, v1, "ListObjects encoding " + encoding);
    }
    assertThat(expected.indexOf(REPLACEMENT)).isLessThan(expected.indexOf(EMOJI));
    assertThat(expected.indexOf(PRIVATE_USE)).isLessThan(expected.indexOf(REPLACEMENT));
  }

  @Test
  void pagesContinueAfterOddKeys() {
    List<String> expected = utf8Sorted(KEYS);
    for (EncodingType encoding : new EncodingType[] {null, EncodingType.URL}) {
      List<String> v2 = new ArrayList<>();
      s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).maxKeys(3).encodingType(encoding)).contents()
          .forEach(o -> v2.add(o.key()));
      assertEquals(expected, v2, "ListObjectsV2 pages, encoding " + encoding);
      assertEquals(expected, listV1ByMarker(encoding, ""), "ListObjects pages by marker, encoding " + encoding);
    }
  }

  private static List<String> listV1ByMarker(EncodingType encoding, String delimiter) {
    List<String> all = new ArrayList<>();
    String marker = "";
    while (true) {
      String from = marker;
      ListObjectsResponse page = s3.listObjects(b -> b.bucket(BUCKET).maxKeys(4).marker(from)
          .delimiter(delimiter).encodingType(encoding));
      page.contents().forEach(o -> all.add(o.key()));
      page.commonPrefixes().forEach(p -> all.add(p.prefix()));
      if (!page.isTruncated()) {
        return all;
      }
      marker = page.nextMarker() != null ? page.nextMarker() : page.contents().get(page.contents().size() - 1).key();
    }
  }

  @Test
  void startAfterAndMarkerAreOddKeysToo() {
    List<String> expected = utf8Sorted(KEYS);
    for (String after : List.of(REPLACEMENT, "a+b", "%", "/", " leading space", "\uD83D\uDE00".repeat(256))) {
      List<String> rest = expected.subList(expected.indexOf(after) + 1, expected.size());
      for (EncodingType encoding : new EncodingType[] {null, EncodingType.URL}) {
        ListObjectsV2Response v2 = s3.listObjectsV2(b -> b.bucket(BUCKET).startAfter(after).encodingType(encoding));
        assertEquals(rest, v2.contents().stream().map(S3Object::key).toList(), "start-after " + after);
        assertEquals(after, v2.startAfter(), "StartAfter echoed, encoding " + encoding);
        ListObjectsResponse v1 = s3.listObjects(b -> b.bucket(BUCKET).marker(after).encodingType(encoding));
        assertEquals(rest, v1.contents().stream().map(S3Object::key).toList(), "marker " + after);
        assertEquals(after, v1.marker(), "Marker echoed, encoding " + encoding);
      }
    }
  }

  @Test
  void prefixesFindEachKeyAlone() {
    for (String key : KEYS) {
      List<String> sameStart = utf8Sorted(KEYS.stream().filter(k -> k.startsWith(key)).toList());
      for (EncodingType encoding : new EncodingType[] {null, EncodingType.URL}) {
        ListObjectsV2Response v2 = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(key).encodingType(encoding));
        assertEquals(sameStart, v2.contents().stream().map(S3Object::key).toList(), "prefix " + key);
        assertEquals(key, v2.prefix(), "Prefix echoed");
        ListObjectsResponse v1 = s3.listObjects(b -> b.bucket(BUCKET).prefix(key).encodingType(encoding));
        assertEquals(sameStart, v1.contents().stream().map(S3Object::key).toList(), "V1 prefix " + key);
      }
    }
  }

  @Test
  void delimitersRollOddKeysUp() {
    for (String delimiter : List.of("/", "\uD83D\uDE00", "+", "%", " ", "//", "?", "\u00e9\u00e9")) {
      for (String prefix : List.of("", "emoji/", "order/", "a", "/", "%")) {
        Expected want = Expected.of(prefix, delimiter);
        for (EncodingType encoding : new EncodingType[] {null, EncodingType.URL}) {
          String what = "prefix '" + prefix + "' delimiter '" + delimiter + "' encoding " + encoding;
          ListObjectsV2Response v2 = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix).delimiter(delimiter)
              .encodingType(encoding));
          assertEquals(want.keys(), v2.contents().stream().map(S3Object::key).toList(), what);
          assertEquals(want.prefixes(), v2.commonPrefixes().stream().map(CommonPrefix::prefix).toList(), what);
          assertEquals(delimiter, v2.delimiter(), what);
          ListObjectsResponse v1 = s3.listObjects(b -> b.bucket(BUCKET).prefix(prefix).delimiter(delimiter)
              .encodingType(encoding));
          assertEquals(want.keys(), v1.contents().stream().map(S3Object::key).toList(), what);
          assertEquals(want.prefixes(), v1.commonPrefixes().stream().map(CommonPrefix::prefix).toList(), what);
        }
      }
    }
    List<String> paged = listV1ByMarker(EncodingType.URL, "/");
    Expected all = Expected.of("", "/");
    assertThat(paged).containsExactlyInAnyOrderElementsOf(
        java.util.stream.Stream.concat(all.keys().stream(), all.prefixes().stream()).toList());
  }

  /** What a listing with a prefix and delimiter must hold, computed from KEYS. */
  record Expected(List<String> keys, List<String> prefixes) {
    static Expected of(String prefix, String delimiter) {
      Function<String, String> rolled = k -> {
        int at = k.indexOf(delimiter, prefix.length());
        return at < 0 ? null : k.substring(0, at + delimiter.length());
      };
      List<String> matching = KEYS.stream().filter(k -> k.startsWith(prefix)).toList();
      return new Expected(
          utf8Sorted(matching.stream().filter(k -> rolled.apply(k) == null).toList()),
          utf8Sorted(matching.stream().map(rolled).filter(p -> p != null).distinct().collect(Collectors.toList())));
    }
  }

  @Test
  void keysLongerThan1024BytesAreRefused() {
    for (String key : List.of("a".repeat(1025), "\uD83D\uDE00".repeat(256) + "a", "\u00e9".repeat(513))) {
      TestStamps.assertS3Error(400, "KeyTooLongError",
          () -> s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x")));
      TestStamps.assertS3Error(400, "KeyTooLongError", () -> s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)));
      TestStamps.assertS3Error(400, "KeyTooLongError", () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)));
      TestStamps.assertS3Error(400, "KeyTooLongError", () -> s3.deleteObject(b -> b.bucket(BUCKET).key(key)));
    }
    assertEquals(KEYS.size(), s3.listObjectsV2(b -> b.bucket(BUCKET)).keyCount());
  }

  @Test
  void multipartUploadsOfOddKeys() {
    List<String> keys = List.of("mpu/a+b %41 \uD83D\uDE00?#", "mpu/" + "\uD83D\uDE00".repeat(255), "mpu//x/");
    s3.createBucket(b -> b.bucket("odd-mpu"));
    List<String> ids = new ArrayList<>();
    for (String key : keys) {
      ids.add(s3.createMultipartUpload(b -> b.bucket("odd-mpu").key(key)).uploadId());
    }
    for (EncodingType encoding : new EncodingType[] {null, EncodingType.URL}) {
      List<String> listed = s3.listMultipartUploads(b -> b.bucket("odd-mpu").encodingType(encoding)).uploads()
          .stream().map(MultipartUpload::key).toList();
      assertEquals(utf8Sorted(keys), listed, "ListMultipartUploads encoding " + encoding);
    }
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      String id = ids.get(i);
      String etag = s3.uploadPart(b -> b.bucket("odd-mpu").key(key).uploadId(id).partNumber(1),
          RequestBody.fromString("part of " + key)).eTag();
      assertThat(s3.listParts(b -> b.bucket("odd-mpu").key(key).uploadId(id)).parts()).hasSize(1);
      String location = s3.completeMultipartUpload(b -> b.bucket("odd-mpu").key(key).uploadId(id)
          .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))).location();
      assertEquals("/odd-mpu/" + key, java.net.URI.create(location).getPath(), "Location is a URI of the key");
      assertEquals("part of " + key, s3.getObjectAsBytes(b -> b.bucket("odd-mpu").key(key)).asUtf8String());
    }
    assertEquals(utf8Sorted(keys), s3.listObjectsV2(b -> b.bucket("odd-mpu")).contents().stream()
        .map(S3Object::key).toList());
  }

  @Test
  void copiesAndBatchDeletesOfOddKeys() {
    s3.createBucket(b -> b.bucket("odd-copy"));
    List<String> sources = List.of("xml &lt; <tag/> &amp;", "q?a=b&c=d", "/leading", "a+b c", "\uD83D\uDE00".repeat(256),
        "%2F", "trailing/", "a/../b");
    List<String> copies = new ArrayList<>();
    for (String source : sources) {
      String target = source.length() > 500 ? "\u00e9".repeat(512) : "copy of " + source + " \u65e5?#";
      s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey(source).destinationBucket("odd-copy").destinationKey(target));
      assertEquals(source, s3.getObjectAsBytes(b -> b.bucket("odd-copy").key(target)).asUtf8String(), "copy of " + source);
      copies.add(target);
    }
    assertEquals(utf8Sorted(copies), s3.listObjectsV2(b -> b.bucket("odd-copy")).contents().stream()
        .map(S3Object::key).toList());
    List<String> deleted = s3.deleteObjects(b -> b.bucket("odd-copy").delete(d -> d.objects(
        copies.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList()))).deleted().stream()
        .map(DeletedObject::key).toList();
    assertThat(deleted).containsExactlyInAnyOrderElementsOf(copies);
    assertEquals(0, s3.listObjectsV2(b -> b.bucket("odd-copy")).keyCount());
  }

  @Test
  void deletesRemoveExactlyTheOddKey() {
    s3.createBucket(b -> b.bucket("odd-delete"));
    List<String> keys = List.of("x+y", "x y", "x%2By", "x%20y", "x/", "x//", "/x", "x");
    for (String key : keys) {
      s3.putObject(b -> b.bucket("odd-delete").key(key), RequestBody.fromString(key));
    }
    List<String> left = new ArrayList<>(keys);
    for (String key : keys) {
      s3.deleteObject(b -> b.bucket("odd-delete").key(key));
      left.remove(key);
      assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket("odd-delete").key(key)));
      assertEquals(utf8Sorted(left), s3.listObjectsV2(b -> b.bucket("odd-delete")).contents().stream()
          .map(S3Object::key).toList(), "after deleting " + key);
      for (String other : left) {
        assertEquals(other, s3.getObjectAsBytes(b -> b.bucket("odd-delete").key(other)).asUtf8String());
      }
    }
  }
}

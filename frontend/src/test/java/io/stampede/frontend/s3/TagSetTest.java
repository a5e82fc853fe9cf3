package io.stampede.frontend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagSetTest {
  static Buffer doc(String tags) {
    return Buffer.buffer("<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>" + tags
        + "</TagSet></Tagging>");
  }

  static String tag(String k, String v) {
    return "<Tag><Key>" + k + "</Key><Value>" + v + "</Value></Tag>";
  }

  static void assertError(S3Error error, Runnable r) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(error));
  }

  @Test
  void documentRoundTripsInKeyOrder() {
    Map<String, String> tags = TagSet.fromXml(doc(tag("b", "2 two") + tag("a", "") + tag("k:x/y=z+@-_.", "\u00e9")),
        TagSet.OBJECT_TAGS_MAX);
    assertThat(tags).containsExactly(Map.entry("a", ""), Map.entry("b", "2 two"), Map.entry("k:x/y=z+@-_.", "\u00e9"));
    assertThat(TagSet.toXml(tags)).endsWith("<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>"
        + tag("a", "") + tag("b", "2 two") + tag("k:x/y=z+@-_.", "\u00e9") + "</TagSet></Tagging>");
    assertThat(TagSet.fromXml(Buffer.buffer("<Tagging><TagSet/></Tagging>"), 10)).isEmpty();
  }

  @Test
  void limitsAreAwsLimitsInUtf16Units() {
    String key128 = "k".repeat(128);
    String value256 = "v".repeat(256);
    StringBuilder ten = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      ten.append(tag(i == 0 ? key128 : "key" + i, value256));
    }
    assertThat(TagSet.fromXml(doc(ten.toString()), TagSet.OBJECT_TAGS_MAX)).hasSize(10);
    assertError(S3Error.INVALID_TAG, () -> TagSet.fromXml(doc(ten + tag("eleven", "x")), TagSet.OBJECT_TAGS_MAX));
    assertThat(TagSet.fromXml(doc(ten + tag("eleven", "x")), TagSet.BUCKET_TAGS_MAX)).hasSize(11);
    assertError(S3Error.INVALID_TAG, () -> TagSet.fromXml(doc(tag("k".repeat(129), "v")), 10));
    assertError(S3Error.INVALID_TAG, () -> TagSet.fromXml(doc(tag("k", "v".repeat(257))), 10));
    // A letter outside the BMP takes two UTF-16 units: 64 of them are 128 units, 65 too many.
    String wide = new String(Character.toChars(0x10400));
    assertThat(TagSet.fromXml(doc(tag(wide.repeat(64), "v")), 10)).hasSize(1);
    assertError(S3Error.INVALID_TAG, () -> TagSet.fromXml(doc(tag(wide.repeat(65), "v")), 10));
  }

  @Test
  void invalidTagsAndDocuments() {
    assertError(S3Error.INVALID_TAG, () -> TagSet.fromXml(doc(tag("a", "1") + tag("a", "2")), 10));
    assertError(S3Error.INVALID_TAG, () -> TagSet.fromXml(doc(tag("aws:x", "1")), 10));
    assertError(S3Error.INVALID_TAG, () -> TagSet.fromXml(doc(tag("AWS:x", "1")), 10));
    assertError(S3Error.INVALID_TAG, () -> TagSet.fromXml(doc(tag("", "1")), 10));
    assertError(S3Error.INVALID_TAG, () -> TagSet.fromXml(doc(tag("a{b}", "1")), 10));
    assertError(S3Error.INVALID_TAG, () -> TagSet.fromXml(doc(tag("a", "1;2")), 10));
    assertError(S3Error.MALFORMED_XML, () -> TagSet.fromXml(doc("<Tag><Key>a</Key></Tag>"), 10));
    assertError(S3Error.MALFORMED_XML, () -> TagSet.fromXml(Buffer.buffer("<Tagging></Tagging>"), 10));
    assertError(S3Error.MALFORMED_XML, () -> TagSet.fromXml(Buffer.buffer("<Tags><TagSet/></Tags>"), 10));
    assertError(S3Error.MALFORMED_XML, () -> TagSet.fromXml(Buffer.buffer("<Tagging><TagSet>"), 10));
    assertError(S3Error.MALFORMED_XML, () -> TagSet.fromXml(Buffer.buffer(""), 10));
  }

  @Test
  void headerIsFormEncodedQuery() {
    assertThat(TagSet.fromHeader("foo=bar&bar", 10)).containsExactly(Map.entry("bar", ""), Map.entry("foo", "bar"));
    assertThat(TagSet.fromHeader("a%20b=c+d&e=f%3Dg%2B", 10))
        .containsExactly(Map.entry("a b", "c d"), Map.entry("e", "f=g+"));
    assertThat(TagSet.fromHeader(null, 10)).isEmpty();
    assertThat(TagSet.fromHeader("", 10)).isEmpty();
    assertError(S3Error.INVALID_ARGUMENT, () -> TagSet.fromHeader("a=b=c", 10));
    assertError(S3Error.INVALID_ARGUMENT, () -> TagSet.fromHeader("a=1&a=2", 10));
    assertError(S3Error.INVALID_ARGUMENT, () -> TagSet.fromHeader("a=%zz", 10));
    assertError(S3Error.INVALID_TAG, () -> TagSet.fromHeader("aws%3Ax=1", 10));
    assertError(S3Error.INVALID_TAG, () -> TagSet.fromHeader("TagSet%3D%5B%7BKey%3Dstring%7D%5D", 10));
  }
}

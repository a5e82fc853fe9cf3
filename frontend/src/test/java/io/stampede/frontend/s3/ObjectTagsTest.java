package io.stampede.frontend.s3;

import static io.stampede.frontend.bucket.S3ErrorAssert.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectTagsTest {
  @Test
  void headerIsAFormEncodedQuery() {
    assertThat(ObjectTags.fromHeader("foo=bar&bar")).containsExactly(Map.entry("foo", "bar"), Map.entry("bar", ""));
    assertThat(ObjectTags.fromHeader("a%20b=c+d&e=f%3Dg%2B&&"))
        .containsExactly(Map.entry("a b", "c d"), Map.entry("e", "f=g+"));
    assertThat(ObjectTags.fromHeader(null)).isEmpty();
    assertThat(ObjectTags.fromHeader("")).isEmpty();
  }

  @Test
  void badHeadersAreInvalidArgumentOrInvalidTag() {
    assertS3Error("InvalidArgument", () -> ObjectTags.fromHeader("a=b=c"));
    assertS3Error("InvalidArgument", () -> ObjectTags.fromHeader("a=1&a=2"));
    assertS3Error("InvalidArgument", () -> ObjectTags.fromHeader("a=%zz"));
    assertS3Error("InvalidTag", () -> ObjectTags.fromHeader("aws%3Ax=1"));
    assertS3Error("InvalidTag", () -> ObjectTags.fromHeader("TagSet%3D%5B%7BKey%3Dstring%7D%5D"));
    assertS3Error("InvalidTag", () -> ObjectTags.fromHeader("k=" + "v".repeat(257)));
  }

  @Test
  void atMostTenTags() {
    StringBuilder ten = new StringBuilder("k0=v");
    for (int i = 1; i < 10; i++) {
      ten.append("&k").append(i).append("=v");
    }
    assertThat(ObjectTags.fromHeader(ten.toString())).hasSize(10);
    assertS3Error("BadRequest", "Object tags cannot be greater than 10", () -> ObjectTags.fromHeader(ten + "&k10=v"));
    StringBuilder doc = new StringBuilder("<Tagging><TagSet>");
    for (int i = 0; i < 11; i++) {
      doc.append("<Tag><Key>k").append(i).append("</Key><Value>v</Value></Tag>");
    }
    assertS3Error("BadRequest", () -> ObjectTags.fromXml(Buffer.buffer(doc + "</TagSet></Tagging>")));
  }

  @Test
  void writtenInKeyOrder() {
    assertThat(ObjectTags.toXml(Map.of("b", "2", "a", "1")))
        .endsWith("<TagSet><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>b</Key><Value>2</Value></Tag></TagSet>"
            + "</Tagging>");
  }
}

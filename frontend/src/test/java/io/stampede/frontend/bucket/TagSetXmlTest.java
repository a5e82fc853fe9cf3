package io.stampede.frontend.bucket;

import static io.stampede.frontend.bucket.S3ErrorAssert.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TagSetXmlTest {
  static byte[] doc(String tags) {
    return ("<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>" + tags + "</TagSet></Tagging>")
        .getBytes(StandardCharsets.UTF_8);
  }

  static String tag(String k, String v) {
    return "<Tag><Key>" + k + "</Key><Value>" + v + "</Value></Tag>";
  }

  static Map<String, String> parse(byte[] body) {
    return TagSetXml.parse(body, 1 << 20, 50, "Bucket tag count cannot be greater than 50");
  }

  @Test
  void keepsTheOrderAndRoundTrips() {
    Map<String, String> tags = parse(doc(tag("z", "1") + tag("b c+d-e=f.g_h:i/j@k", "") + tag("ü文", "2 + 2 = 4")));
    assertThat(tags.keySet()).containsExactly("z", "b c+d-e=f.g_h:i/j@k", "ü文");
    assertThat(parse(TagSetXml.render(tags).getBytes(StandardCharsets.UTF_8))).isEqualTo(tags);
    assertThat(parse(doc(""))).isEmpty();
  }

  @Test
  void limitsOfKeysValuesAndCount() {
    String fifty = IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).collect(Collectors.joining());
    assertThat(parse(doc(fifty))).hasSize(50);
    assertS3Error("BadRequest", "Bucket tag count cannot be greater than 50", () -> parse(doc(fifty + tag("x", ""))));
    assertThat(parse(doc(tag("k".repeat(128), "v".repeat(256))))).hasSize(1);
    assertS3Error("InvalidTag", "The TagKey you have provided is invalid", () -> parse(doc(tag("k".repeat(129), ""))));
    assertS3Error("InvalidTag", "The TagValue you have provided is invalid", () -> parse(doc(tag("k", "v".repeat(257)))));
    assertS3Error("InvalidTag", "The TagKey you have provided is invalid", () -> parse(doc(tag("", "v"))));
  }

  @Test
  void charactersDuplicatesAndSystemTags() {
    for (String bad : new String[] {"a,b", "a;b", "a?b", "a*b", "a%b", "a\tb", "😀"}) {
      assertS3Error("InvalidTag", "The TagKey you have provided is invalid", () -> parse(doc(tag(bad, "v"))));
      assertS3Error("InvalidTag", "The TagValue you have provided is invalid", () -> parse(doc(tag("k", bad))));
    }
    assertS3Error("InvalidTag", "Cannot provide multiple Tags with the same key",
        () -> parse(doc(tag("a", "1") + tag("a", "2"))));
    assertS3Error("InvalidTag", "System tags cannot be added/updated by requester", () -> parse(doc(tag("AWS:cost", "1"))));
  }

  @Test
  void theFirstBadTagDecidesBeforeTheCount() {
    String many = IntStream.range(0, 60).mapToObj(i -> tag("k" + i, "v")).collect(Collectors.joining());
    assertS3Error("InvalidTag", () -> parse(doc(many + tag("k1", "again"))));
  }

  @Test
  void malformedDocuments() {
    for (String body : new String[] {"", "<Tagging/>", "<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>",
        "<Tags><TagSet/></Tags>", "<Tagging><TagSet/><TagSet/></Tagging>", "<Tagging><TagSet>",
        "<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value><Other/></Tag></TagSet></Tagging>",
        "<Tagging><TagSet><Tag><Key>a</Key><Key>b</Key><Value>b</Value></Tag></TagSet></Tagging>"}) {
      assertS3Error("MalformedXML", () -> parse(body.getBytes(StandardCharsets.UTF_8)));
    }
  }
}

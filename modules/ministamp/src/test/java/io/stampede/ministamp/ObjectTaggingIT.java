package io.stampede.ministamp;

import static io.stampede.ministamp.TestStamps.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/** Object tagging through the real AWS SDK against a real stamp: the three operations, the header, limits. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ObjectTaggingIT {
  static final String BUCKET = "tagged";
  @RegisterExtension static final SharedStamp STAMP = new SharedStamp();
  static S3Client s3;

  @BeforeAll
  static void start() {
    s3 = STAMP.s3();
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  static Tag tag(String k, String v) {
    return Tag.builder().key(k).value(v).build();
  }

  static void put(String key, String tagging) {
    s3.putObject(b -> b.bucket(BUCKET).key(key).tagging(tagging), RequestBody.fromString("data"));
  }

  static List<Tag> tags(String key) {
    return s3.getObjectTagging(b -> b.bucket(BUCKET).key(key)).tagSet();
  }

  static void putTags(String key, Tag... tags) {
    s3.putObjectTagging(b -> b.bucket(BUCKET).key(key).tagging(t -> t.tagSet(tags)));
  }

  @Test
  void tagsFromThePutHeaderShowOnGetHeadAndGetObjectTagging() {
    put("with-tags", "b=two%20words&a=1&empty");
    assertThat(tags("with-tags")).containsExactly(tag("a", "1"), tag("b", "two words"), tag("empty", ""));
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key("with-tags")).tagCount()).isEqualTo(3);
    assertThat(s3.getObject(b -> b.bucket(BUCKET).key("with-tags")).response().tagCount()).isEqualTo(3);

    put("plain", "");
    assertThat(tags("plain")).isEmpty();
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key("plain")).tagCount()).isNull();
  }

  @Test
  void putReplacesAndDeleteRemovesTheTagSet() {
    put("replaced", "old=1");
    putTags("replaced", tag("new", "2"), tag("k:x/y", "v=+@-_."));
    assertThat(tags("replaced")).containsExactly(tag("k:x/y", "v=+@-_."), tag("new", "2"));
    putTags("replaced");
    assertThat(tags("replaced")).isEmpty();
    putTags("replaced", tag("again", "3"));
    s3.deleteObjectTagging(b -> b.bucket(BUCKET).key("replaced"));
    assertThat(tags("replaced")).isEmpty();
    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("replaced")).asUtf8String()).isEqualTo("data");
  }

  @Test
  void limitsAreEnforcedAndBadTagsChangeNothing() {
    put("limits", "keep=me");
    List<Tag> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ten.add(tag(i == 0 ? "k".repeat(128) : "key" + i, "v".repeat(256)));
    }
    putTags("limits", ten.toArray(Tag[]::new));
    assertThat(tags("limits")).hasSize(10);
    List<Tag> eleven = new ArrayList<>(ten);
    eleven.add(tag("eleven", "x"));
    assertS3Error(400, "BadRequest", () -> putTags("limits", eleven.toArray(Tag[]::new)));
    assertS3Error(400, "InvalidTag", () -> putTags("limits", tag("k".repeat(129), "v")));
    assertS3Error(400, "InvalidTag", () -> putTags("limits", tag("k", "v".repeat(257))));
    assertS3Error(400, "InvalidTag", () -> putTags("limits", tag("dup", "1"), tag("dup", "2")));
    assertS3Error(400, "InvalidTag", () -> putTags("limits", tag("aws:reserved", "1")));
    assertS3Error(400, "InvalidTag", () -> putTags("limits", tag("a{b}", "1")));
    assertThat(tags("limits")).hasSize(10);

    StringBuilder header = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      header.append(i == 0 ? "" : "&").append("k").append(i).append("=v");
    }
    assertS3Error(400, "BadRequest", () -> put("limits", header.toString()));
    assertS3Error(400, "InvalidArgument", () -> put("limits", "a=b=c"));
    assertS3Error(400, "InvalidArgument", () -> put("limits", "a=1&a=2"));
    assertThat(tags("limits")).hasSize(10);
  }

  @Test
  void malformedDocumentsAndMissingObjects() {
    put("doc", "");
    RawS3 raw = new RawS3(STAMP.stamp());
    for (String doc : List.of("<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>", "<Tagging/>",
        "<Tagging><TagSet>", "not xml")) {
      HttpResponse<String> r = raw.signed("PUT", "/" + BUCKET + "/doc?tagging", doc);
      assertThat(r.statusCode()).as(doc).isEqualTo(400);
      assertThat(r.body()).as(doc).contains("<Code>MalformedXML</Code>");
    }
    assertThat(tags("doc")).isEmpty();
    assertS3Error(404, "NoSuchKey", () -> tags("missing"));
    assertS3Error(404, "NoSuchKey", () -> putTags("missing", tag("a", "1")));
    assertS3Error(404, "NoSuchKey", () -> s3.deleteObjectTagging(b -> b.bucket(BUCKET).key("missing")));
    assertS3Error(404, "NoSuchBucket", () -> s3.getObjectTagging(b -> b.bucket("no-such-bucket").key("k")));
  }

  @Test
  void tagsByVersionIdOfTheNullVersion() {
    put("null-version", "v=null");
    assertThat(s3.getObjectTagging(b -> b.bucket(BUCKET).key("null-version").versionId("null")).tagSet())
        .containsExactly(tag("v", "null"));
    s3.putObjectTagging(b -> b.bucket(BUCKET).key("null-version").versionId("null")
        .tagging(Tagging.builder().tagSet(tag("w", "1")).build()));
    assertThat(tags("null-version")).containsExactly(tag("w", "1"));
    assertS3Error(400, "InvalidArgument",
        () -> s3.getObjectTagging(b -> b.bucket(BUCKET).key("null-version").versionId("bad id")));
    assertS3Error(404, "NoSuchVersion", () -> s3.getObjectTagging(b -> b.bucket(BUCKET).key("null-version")
        .versionId("0123456789abcdefghijklmnopqrstuv")));
  }
}

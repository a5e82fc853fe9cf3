package io.stampede.frontend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.s3.DeleteObjectsHandler.Entry;
import io.stampede.frontend.s3.DeleteObjectsHandler.Outcome;
import io.stampede.partition.api.DeleteResult;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeleteObjectsHandlerTest {
  static DeleteObjectsHandler.Request parse(String xml) {
    return DeleteObjectsHandler.parse(Buffer.buffer(xml));
  }

  static void malformed(String xml) {
    assertThatThrownBy(() -> parse(xml)).isInstanceOfSatisfying(S3Exception.class,
        e -> assertThat(e.error()).isEqualTo(S3Error.MALFORMED_XML));
  }

  @Test
  void parsesObjectsInOrderWithVersionsAndEtags() {
    DeleteObjectsHandler.Request r = parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        + "<Object><Key> spaced key </Key></Object>"
        + "<Object><Key>v</Key><VersionId>abc</VersionId><ETag>\"e1\"</ETag></Object>"
        + "<Quiet>true</Quiet></Delete>");
    assertThat(r.quiet()).isTrue();
    assertThat(r.entries()).containsExactly(new Entry(" spaced key ", "", ""), new Entry("v", "abc", "e1"));
    assertThat(parse("<Delete><Object><Key>k</Key></Object><Quiet>FALSE</Quiet></Delete>").quiet()).isFalse();
  }

  @Test
  void refusesWhatIsNotADeleteOfOneToAThousandKeys() {
    malformed("<Delete/>");
    malformed("<Remove><Object><Key>k</Key></Object></Remove>");
    malformed("<Delete><Object><Key></Key></Object></Delete>");
    malformed("<Delete><Object/></Delete>");
    malformed("<Delete><Object><Key>k</Key></Object><Quiet>yes</Quiet></Delete>");
    malformed("<Delete><Object><Key>k</Key></Object><Extra/></Delete>");
    StringBuilder many = new StringBuilder("<Delete>");
    for (int i = 0; i < 1000; i++) {
      many.append("<Object><Key>k").append(i).append("</Key></Object>");
    }
    assertThat(parse(many + "</Delete>").entries()).hasSize(1000);
    malformed(many + "<Object><Key>one-too-many</Key></Object></Delete>");
  }

  @Test
  void rendersDeletedAndErrorEntries() {
    List<Outcome> outcomes = List.of(
        new Outcome(new Entry("a&b", "", ""), DeleteResult.NONE, null),
        new Outcome(new Entry("versioned", "v1", ""), new DeleteResult("v1", false), null),
        new Outcome(new Entry("marked", "", ""), new DeleteResult("m1", true), null),
        new Outcome(new Entry("long", "v2", ""), null, S3Error.KEY_TOO_LONG));
    String xml = DeleteObjectsHandler.render(outcomes, false);
    assertThat(xml).contains("<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
        .contains("<Deleted><Key>a&amp;b</Key></Deleted>")
        .contains("<Deleted><Key>versioned</Key><VersionId>v1</VersionId></Deleted>")
        .contains("<Deleted><Key>marked</Key><DeleteMarker>true</DeleteMarker>"
            + "<DeleteMarkerVersionId>m1</DeleteMarkerVersionId></Deleted>")
        .contains("<Error><Key>long</Key><VersionId>v2</VersionId><Code>KeyTooLongError</Code>"
            + "<Message>Your key is too long</Message></Error>");
    String quiet = DeleteObjectsHandler.render(outcomes, true);
    assertThat(quiet).doesNotContain("<Deleted>").contains("<Error><Key>long</Key>");
  }
}

package io.stampede.frontend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stampede.common.key.ByteRange;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import org.junit.jupiter.api.Test;

class CopySourceTest {
  static void invalid(String header) {
    assertThatThrownBy(() -> CopySource.parse(header)).as(header).isInstanceOfSatisfying(S3Exception.class,
        e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_ARGUMENT));
  }

  @Test
  void bucketKeyAndVersion() {
    assertThat(CopySource.parse("bkt/a/b.txt")).isEqualTo(new CopySource("bkt", "a/b.txt", ""));
    assertThat(CopySource.parse("/bkt/a//b/")).isEqualTo(new CopySource("bkt", "a//b/", ""));
    assertThat(CopySource.parse("bkt/k?versionId=3/L4kqtJlcpXroDTDmJ%2BrmSpXd3dIbrHY"))
        .isEqualTo(new CopySource("bkt", "k", "3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY"));
    assertThat(CopySource.parse("bkt/k?versionId=null").ref().versionId()).isEqualTo("null");
  }

  @Test
  void keysAreUrlDecoded() {
    assertThat(CopySource.parse("bkt/dir%20one/%C3%BCn%C3%AF%2Bc%3F.txt").key()).isEqualTo("dir one/ünï+c?.txt");
    assertThat(CopySource.parse("bkt/a+b").key()).isEqualTo("a+b");
  }

  @Test
  void malformedSourcesAreInvalidArgument() {
    invalid(null);
    invalid("");
    invalid("bucket-only");
    invalid("bucket-only/");
    invalid("/");
    invalid("/key-without-bucket");
    invalid("bkt/k?versionId=");
    invalid("bkt/k?other=1");
    invalid("bkt/bad%zzescape");
  }

  @Test
  void copyRangeMustBeFirstDashLast() {
    assertThat(CopySources.copyRange("bytes=0-9")).isEqualTo(ByteRange.fromTo(0, 9));
    for (String bad : new String[] {null, "bytes=5-", "bytes=-5", "bytes=9-0", "bytes=0-1,3-4", "0-9", "bytes=a-b"}) {
      assertThatThrownBy(() -> CopySources.copyRange(bad)).as(bad).isInstanceOfSatisfying(S3Exception.class,
          e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_ARGUMENT));
    }
  }
}

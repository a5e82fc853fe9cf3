package io.stampede.frontend.bucket;

import static io.stampede.frontend.bucket.S3ErrorAssert.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.location.api.bucket.VersioningState;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersioningXmlTest {
  static Optional<VersioningState> parse(String inner) {
    return VersioningXml.parse(("<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        + inner + "</VersioningConfiguration>").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void statusEnabledOrSuspendedOrUnchanged() {
    assertThat(parse("<Status>Enabled</Status>")).contains(VersioningState.ENABLED);
    assertThat(parse("<Status>Suspended</Status><MfaDelete>Disabled</MfaDelete>")).contains(VersioningState.SUSPENDED);
    assertThat(parse("")).isEmpty();
  }

  @Test
  void badStatusAndDocumentsAreMalformed() {
    for (String inner : new String[] {"<Status>enabled</Status>", "<Status>Bad</Status>", "<Status></Status>",
        "<Status>Enabled</Status><Status>Enabled</Status>", "<Other/>", "<MfaDelete>maybe</MfaDelete>"}) {
      assertS3Error("MalformedXML", () -> parse(inner));
    }
    assertS3Error("MalformedXML", () -> VersioningXml.parse(new byte[0]));
    assertS3Error("MalformedXML", () -> VersioningXml.parse("<Versioning/>".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void mfaDeleteEnabledIsNotImplemented() {
    assertS3Error("NotImplemented", () -> parse("<Status>Enabled</Status><MfaDelete>Enabled</MfaDelete>"));
  }

  @Test
  void rendersNoStatusUntilVersioningWasEnabled() {
    assertThat(VersioningXml.render(VersioningState.UNVERSIONED)).doesNotContain("Status")
        .contains("<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
    assertThat(VersioningXml.render(VersioningState.SUSPENDED)).contains("<Status>Suspended</Status>");
  }
}

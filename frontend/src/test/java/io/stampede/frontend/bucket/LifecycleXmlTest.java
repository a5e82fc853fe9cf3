package io.stampede.frontend.bucket;

import static io.stampede.frontend.bucket.S3ErrorAssert.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.location.api.bucket.LifecycleConfiguration;
import io.stampede.location.api.bucket.LifecycleExpiration;
import io.stampede.location.api.bucket.LifecycleFilter;
import io.stampede.location.api.bucket.LifecycleRule;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LifecycleXmlTest {
  static final String EXPIRE = "<Expiration><Days>1</Days></Expiration>";
  static final String ON = "<Status>Enabled</Status>";

  static LifecycleConfiguration parse(String... rules) {
    StringBuilder b = new StringBuilder("<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
    for (String r : rules) {
      b.append("<Rule>").append(r).append("</Rule>");
    }
    return LifecycleXml.parse(b.append("</LifecycleConfiguration>").toString().getBytes(StandardCharsets.UTF_8));
  }

  static LifecycleConfiguration roundTrip(LifecycleConfiguration c) {
    return LifecycleXml.parse(LifecycleXmlWriter.render(c).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyFilterFormAndActionRoundTrips() {
    LifecycleConfiguration c = parse(
        "<ID>old</ID><Prefix>logs/</Prefix>" + ON + EXPIRE
            + "<AbortIncompleteMultipartUpload><DaysAfterInitiation>2</DaysAfterInitiation></AbortIncompleteMultipartUpload>",
        "<ID>empty</ID><Filter/><Status>Disabled</Status><Expiration><ExpiredObjectDeleteMarker>true"
            + "</ExpiredObjectDeleteMarker></Expiration>",
        "<ID>prefix</ID><Filter><Prefix>a/</Prefix></Filter>" + ON
            + "<Expiration><Date>2030-01-01T00:00:00.000Z</Date></Expiration>",
        "<ID>tag</ID><Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter>" + ON + EXPIRE,
        "<ID>gt</ID><Filter><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan></Filter>" + ON + EXPIRE,
        "<ID>lt</ID><Filter><ObjectSizeLessThan>10</ObjectSizeLessThan></Filter>" + ON + EXPIRE,
        "<ID>and</ID><Filter><And><Prefix>p/</Prefix><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>b</Key>"
            + "<Value>2</Value></Tag><ObjectSizeGreaterThan>1</ObjectSizeGreaterThan>"
            + "<ObjectSizeLessThan>5</ObjectSizeLessThan></And></Filter>" + ON
            + "<NoncurrentVersionExpiration><NoncurrentDays>3</NoncurrentDays><NewerNoncurrentVersions>2"
            + "</NewerNoncurrentVersions></NoncurrentVersionExpiration>");
    assertThat(c.rules()).extracting(r -> r.filter().form()).containsExactly(LifecycleFilter.Form.RULE_PREFIX,
        LifecycleFilter.Form.EMPTY, LifecycleFilter.Form.PREFIX, LifecycleFilter.Form.TAG,
        LifecycleFilter.Form.SIZE_GREATER_THAN, LifecycleFilter.Form.SIZE_LESS_THAN, LifecycleFilter.Form.AND);
    LifecycleRule and = c.rules().get(6);
    assertThat(and.filter()).isEqualTo(new LifecycleFilter(LifecycleFilter.Form.AND, "p/", Map.of("a", "1", "b", "2"),
        OptionalLong.of(1), OptionalLong.of(5)));
    assertThat(c.rules().get(2).expiration()).contains(LifecycleExpiration.onDate(LocalDate.of(2030, 1, 1)));
    assertThat(c.rules().get(0).abortIncompleteUploadDays()).hasValue(2);
    assertThat(c.rules().get(1).enabled()).isFalse();
    assertThat(roundTrip(c)).isEqualTo(c);
    assertThat(LifecycleXmlWriter.render(c)).contains("<Date>2030-01-01T00:00:00.000Z</Date>")
        .contains("<Rule><ID>old</ID><Prefix>logs/</Prefix><Status>Enabled</Status>");
  }

  @Test
  void rulesWithoutAnIdGetAStableOne() {
    LifecycleConfiguration c = parse("<Prefix>a/</Prefix>" + ON + EXPIRE, "<Prefix>b/</Prefix>" + ON + EXPIRE);
    assertThat(c.rules().get(0).id()).isNotEmpty().isNotEqualTo(c.rules().get(1).id());
    assertThat(parse("<Prefix>a/</Prefix>" + ON + EXPIRE, "<Prefix>b/</Prefix>" + ON + EXPIRE)).isEqualTo(c);
    assertThat(parse("<Filter><Prefix>a</Prefix></Filter><Status>Enabled</Status><Expiration><Date>2030-01-01"
        + "</Date></Expiration>").rules().get(0).expiration().orElseThrow().date()).contains(LocalDate.of(2030, 1, 1));
  }

  @Test
  void schemaErrorsAreMalformedXml() {
    for (String[] rules : new String[][] {{},
        {"<Prefix>a</Prefix>" + EXPIRE}, {"<Prefix>a</Prefix><Status>enabled</Status>" + EXPIRE},
        {"<Prefix>a</Prefix><Filter/>" + ON + EXPIRE}, {ON + EXPIRE},
        {"<Filter><Prefix>a</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></Filter>" + ON + EXPIRE},
        {"<Prefix>a</Prefix>" + ON + "<Expiration><Days>1</Days><Date>2030-01-01</Date></Expiration>"},
        {"<Prefix>a</Prefix>" + ON + "<Expiration></Expiration>"},
        {"<Prefix>a</Prefix>" + ON + "<Expiration><Days>one</Days></Expiration>"},
        {"<Prefix>a</Prefix>" + ON + "<Expiration><Date>20200101</Date></Expiration>"},
        {"<Prefix>a</Prefix>" + ON + EXPIRE + "<Unknown/>"},
        {"<Prefix>a</Prefix>" + ON + "<Expiration><ExpiredObjectDeleteMarker>yes</ExpiredObjectDeleteMarker></Expiration>"},
        Collections.nCopies(1001, "<Prefix>a</Prefix>" + ON + EXPIRE).toArray(String[]::new)}) {
      assertS3Error("MalformedXML", () -> parse(rules));
    }
  }

  @Test
  void valuesOutOfRangeAreInvalidArgument() {
    assertS3Error("InvalidArgument", "'Days' for Expiration action must be a positive integer",
        () -> parse("<Prefix>a</Prefix>" + ON + "<Expiration><Days>0</Days></Expiration>"));
    assertS3Error("InvalidArgument", "'Date' must be at midnight GMT",
        () -> parse("<Prefix>a</Prefix>" + ON + "<Expiration><Date>2030-01-01T12:00:00Z</Date></Expiration>"));
    assertS3Error("InvalidArgument", "ID length should not exceed allowed limit of 255",
        () -> parse("<ID>" + "a".repeat(256) + "</ID><Prefix>a</Prefix>" + ON + EXPIRE));
    assertS3Error("InvalidArgument", "Rule ID must be unique. Found same ID for more than one rule",
        () -> parse("<ID>r</ID><Prefix>a</Prefix>" + ON + EXPIRE, "<ID>r</ID><Prefix>b</Prefix>" + ON + EXPIRE));
    assertS3Error("InvalidArgument", () -> parse("<Prefix>a</Prefix>" + ON
        + "<NoncurrentVersionExpiration><NoncurrentDays>0</NoncurrentDays></NoncurrentVersionExpiration>"));
    assertS3Error("InvalidArgument", () -> parse("<Prefix>a</Prefix>" + ON
        + "<AbortIncompleteMultipartUpload><DaysAfterInitiation>-1</DaysAfterInitiation></AbortIncompleteMultipartUpload>"));
    assertThat(parse(Collections.nCopies(1000, "<Prefix>a</Prefix>" + ON + EXPIRE).toArray(String[]::new)).rules())
        .hasSize(1000);
  }

  @Test
  void actionsAndTagFiltersAreInvalidRequest() {
    assertS3Error("InvalidRequest", "At least one action needs to be specified in a rule",
        () -> parse("<Prefix>a</Prefix>" + ON));
    assertS3Error("InvalidRequest", "AbortIncompleteMultipartUpload cannot be specified with Tags.",
        () -> parse("<Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter>" + ON
            + "<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload>"));
    assertS3Error("InvalidRequest", "Duplicate Tag Keys are not allowed.",
        () -> parse("<Filter><And><Tag><Key>k</Key><Value>1</Value></Tag><Tag><Key>k</Key><Value>2</Value></Tag>"
            + "</And></Filter>" + ON + EXPIRE));
    assertS3Error("NotImplemented", () -> parse("<Prefix>a</Prefix>" + ON
        + "<Transition><Days>30</Days><StorageClass>GLACIER</StorageClass></Transition>"));
  }
}

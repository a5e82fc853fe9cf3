package io.stampede.frontend.bucket;

import static io.stampede.frontend.bucket.S3ErrorAssert.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.location.api.bucket.CorsConfiguration;
import io.stampede.location.api.bucket.CorsRule;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CorsXmlTest {
  static final String ORIGIN = "<AllowedOrigin>https://example.com</AllowedOrigin>";
  static final String METHOD = "<AllowedMethod>GET</AllowedMethod>";
  static final String MINIMAL = ORIGIN + METHOD;

  static CorsConfiguration parse(String... rules) {
    StringBuilder b = new StringBuilder("<CORSConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
    for (String r : rules) {
      b.append("<CORSRule>").append(r).append("</CORSRule>");
    }
    return CorsXml.parse(b.append("</CORSConfiguration>").toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsEveryElementAndRendersInS3Order() {
    CorsConfiguration cors = parse("<MaxAgeSeconds>3000</MaxAgeSeconds><AllowedMethod>GET</AllowedMethod>"
        + "<AllowedOrigin>https://*.example.org</AllowedOrigin><ExposeHeader>ETag</ExposeHeader>"
        + "<AllowedMethod>PUT</AllowedMethod><AllowedHeader>x-amz-*</AllowedHeader><ID>rule-1</ID>", MINIMAL);
    assertThat(cors.rules().get(0)).isEqualTo(new CorsRule(Optional.of("rule-1"), List.of("GET", "PUT"),
        List.of("https://*.example.org"), List.of("x-amz-*"), List.of("ETag"), OptionalInt.of(3000)));
    String xml = CorsXml.render(cors);
    assertThat(xml).contains("<CORSRule><ID>rule-1</ID><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT"
        + "</AllowedMethod><AllowedOrigin>https://*.example.org</AllowedOrigin><AllowedHeader>x-amz-*</AllowedHeader>"
        + "<MaxAgeSeconds>3000</MaxAgeSeconds><ExposeHeader>ETag</ExposeHeader></CORSRule>");
    assertThat(CorsXml.parse(xml.getBytes(StandardCharsets.UTF_8))).isEqualTo(cors);
  }

  @Test
  void acceptsS3sEdgeValues() {
    assertThat(parse(MINIMAL + "<MaxAgeSeconds>0042</MaxAgeSeconds>").rules().get(0).maxAgeSeconds()).hasValue(42);
    assertThat(parse(MINIMAL + "<ID/>").rules().get(0).id()).contains("");
    assertThat(parse(MINIMAL + "<ID>" + "a".repeat(255) + "</ID>").rules()).hasSize(1);
    assertThat(parse(Collections.nCopies(100, MINIMAL).toArray(String[]::new)).rules()).hasSize(100);
    assertThat(parse("<AllowedOrigin> https://x\n</AllowedOrigin>" + METHOD).rules().get(0).allowedOrigins())
        .containsExactly(" https://x\n");
  }

  @Test
  void structureErrorsAreMalformedXml() {
    for (String[] rules : new String[][] {{}, {METHOD}, {ORIGIN}, {MINIMAL, METHOD},
        {MINIMAL + "<AllowedHeaders>*</AllowedHeaders>"}, {MINIMAL + "text"},
        {MINIMAL + "<MaxAgeSeconds>-1</MaxAgeSeconds>"}, {MINIMAL + "<MaxAgeSeconds>1.5</MaxAgeSeconds>"},
        {MINIMAL + "<MaxAgeSeconds>2147483648</MaxAgeSeconds>"}, {MINIMAL + "<MaxAgeSeconds></MaxAgeSeconds>"},
        {MINIMAL + "<MaxAgeSeconds>1</MaxAgeSeconds><MaxAgeSeconds>1</MaxAgeSeconds>"},
        {MINIMAL + "<ID>a</ID><ID>b</ID>"}, {MINIMAL + "<ID>" + "a".repeat(256) + "</ID>"},
        Collections.nCopies(101, MINIMAL).toArray(String[]::new)}) {
      assertS3Error("MalformedXML", () -> parse(rules));
    }
    assertS3Error("MalformedXML", () -> CorsXml.parse("<CORSRules/>".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void valueErrorsAreInvalidRequestAfterTheStructure() {
    for (String m : new String[] {"PATCH", "OPTIONS", "get", " GET", "*", ""}) {
      assertS3Error("InvalidRequest", "Found unsupported HTTP method in CORS config. Unsupported method is " + m,
          () -> parse(ORIGIN + METHOD + "<AllowedMethod>" + m + "</AllowedMethod>"));
    }
    assertS3Error("InvalidRequest", "AllowedOrigin \"https://*.example.*\" can not have more than one wildcard.",
        () -> parse("<AllowedOrigin>https://*.example.*</AllowedOrigin>" + METHOD));
    assertS3Error("InvalidRequest", "AllowedHeader \"x-*-meta-*\" can not have more than one wildcard.",
        () -> parse(MINIMAL + "<AllowedHeader>x-*-meta-*</AllowedHeader>"));
    assertS3Error("InvalidRequest",
        "ExposeHeader \"x-amz-*\" contains wildcard. We currently do not support wildcard for ExposeHeader.",
        () -> parse(MINIMAL + "<ExposeHeader>x-amz-*</ExposeHeader>"));
    // The first bad rule decides; a later structural error wins over any value error.
    assertS3Error("InvalidRequest", "AllowedOrigin \"*.*\" can not have more than one wildcard.",
        () -> parse(MINIMAL, "<AllowedOrigin>*.*</AllowedOrigin>" + METHOD, ORIGIN + "<AllowedMethod>PATCH</AllowedMethod>"));
    assertS3Error("MalformedXML", () -> parse(ORIGIN + "<AllowedMethod>PATCH</AllowedMethod>", METHOD));
  }
}

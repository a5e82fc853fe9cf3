package io.stampede.frontend.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class XmlTest {
  @Test
  void escapesTextAndRoundTrips() {
    String nasty = "a<b>&\"c'\u0001\t\n";
    String doc = XmlWriter.document("Root").element("Key", nasty).finish();
    assertTrue(doc.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Root xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"));
    assertTrue(doc.contains("<Key>a&lt;b&gt;&amp;&quot;c&apos;&#1;&#9;&#10;</Key>"), doc);
    String safe = XmlWriter.document("Root").element("Key", "x<&y\n").finish();
    Element root = SafeXml.parse(safe.getBytes(StandardCharsets.UTF_8), 1000).getDocumentElement();
    assertEquals("x<&y", SafeXml.childText(root, "Key"));
  }

  @Test
  void nestedAndOptionalElements() {
    String doc = XmlWriter.plainDocument("Error").start("A").element("B", 3).end().optional("C", null)
        .element("D", true).finish();
    assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><A><B>3</B></A><D>true</D></Error>", doc);
  }

  @Test
  void refusesDoctypesEntitiesAndOversizedDocuments() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<CreateBucketConfiguration><LocationConstraint>&x;</LocationConstraint></CreateBucketConfiguration>";
    assertMalformed(xxe, 10_000);
    String bomb = "<!DOCTYPE r [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><r>&b;</r>";
    assertMalformed(bomb, 10_000);
    assertMalformed("<r>" + "x".repeat(100) + "</r>", 50);
    assertMalformed("<r><unclosed></r>", 1000);
  }

  private static void assertMalformed(String xml, int max) {
    S3Exception e = assertThrows(S3Exception.class, () -> SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8), max));
    assertEquals(S3Error.MALFORMED_XML, e.error());
  }
}

package io.stampede.frontend.bucket;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.xml.SafeXml;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Strict reading of S3 request documents, as S3 validates them against its schema: elements are
 * matched by local name (any namespace), unknown elements, text between elements and repeated
 * single elements are MalformedXML. Values keep their whitespace.
 */
final class XmlElements {
  private XmlElements() {}

  /** The document's root element, which must be named {@code name}. */
  static Element root(byte[] body, String name, int maxBytes) {
    if (body.length == 0) {
      throw malformed();
    }
    Element root = SafeXml.parse(body, maxBytes).getDocumentElement();
    if (!name.equals(SafeXml.localName(root))) {
      throw malformed();
    }
    return root;
  }

  /** The child elements of {@code parent}, each named one of {@code allowed}. */
  static List<Element> children(Element parent, Set<String> allowed) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        if (!allowed.contains(SafeXml.localName(e))) {
          throw malformed();
        }
        out.add(e);
      } else if ((n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE)
          && !n.getNodeValue().isBlank()) {
        throw malformed();
      }
    }
    return out;
  }

  /** The children of {@code among} named {@code name}. */
  static List<Element> named(List<Element> among, String name) {
    return among.stream().filter(e -> name.equals(SafeXml.localName(e))).toList();
  }

  /** The one element named {@code name} among {@code among}, if any; MalformedXML if repeated. */
  static Optional<Element> single(List<Element> among, String name) {
    List<Element> found = named(among, name);
    if (found.size() > 1) {
      throw malformed();
    }
    return found.stream().findFirst();
  }

  /** The text of the one element named {@code name}, if any. */
  static Optional<String> singleText(List<Element> among, String name) {
    return single(among, name).map(XmlElements::text);
  }

  /** The texts of every element named {@code name}, in order. */
  static List<String> texts(List<Element> among, String name) {
    return named(among, name).stream().map(XmlElements::text).toList();
  }

  /** An element's text; MalformedXML if it holds elements. */
  static String text(Element e) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element) {
        throw malformed();
      }
    }
    return e.getTextContent();
  }

  /** A non-negative decimal integer (no sign, fraction or exponent) up to {@code max}. */
  static long number(String text, long max) {
    String t = text.trim();
    if (t.isEmpty() || t.length() > 19 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw malformed();
    }
    long n = Long.parseLong(t);
    if (n > max) {
      throw malformed();
    }
    return n;
  }

  /** An integer that may carry a sign; MalformedXML if not one. */
  static long signedNumber(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw malformed();
    }
  }

  static io.stampede.frontend.error.S3Exception malformed() {
    return S3Error.MALFORMED_XML.exception();
  }
}

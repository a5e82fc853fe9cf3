package io.stampede.frontend.xml;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Parses small request documents with the JDK parser hardened against XXE and entity expansion:
 * no DOCTYPE, no external entities, secure processing on, size bounded by the caller's limit.
 * Any failure is MalformedXML.
 */
public final class SafeXml {
  private SafeXml() {}

  public static Document parse(byte[] bytes, int maxBytes) {
    if (bytes.length > maxBytes) {
      throw S3Error.MALFORMED_XML.exception("request document larger than " + maxBytes + " bytes");
    }
    try {
      DocumentBuilder builder = factory().newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new ByteArrayInputStream(bytes));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new S3Exception(S3Error.MALFORMED_XML, S3Error.MALFORMED_XML.message());
    }
  }

  /** The text of the first direct child of {@code parent} with local name {@code name}, or null. */
  public static String childText(Element parent, String name) {
    String text = childRawText(parent, name);
    return text == null ? null : text.trim();
  }

  /** As {@link #childText}, untrimmed (object keys may start or end with spaces). */
  public static String childRawText(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(localName(e))) {
        return e.getTextContent();
      }
    }
    return null;
  }

  /** The direct children of {@code parent} with local name {@code name}, in document order. */
  public static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(localName(e))) {
        out.add(e);
      }
    }
    return out;
  }

  public static String localName(Element e) {
    return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
  }

  private static DocumentBuilderFactory factory() throws ParserConfigurationException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    return f;
  }
}

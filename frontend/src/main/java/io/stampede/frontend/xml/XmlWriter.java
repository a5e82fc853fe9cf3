package io.stampede.frontend.xml;

import java.util.ArrayDeque;
import java.util.Deque;

/** A tiny streaming writer for S3 response documents; text and attribute values are escaped. */
public final class XmlWriter {
  public static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

  private final StringBuilder out = new StringBuilder(256);
  private final Deque<String> open = new ArrayDeque<>();

  private XmlWriter() {
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  }

  /** A document whose root element carries the S3 namespace. */
  public static XmlWriter document(String root) {
    XmlWriter w = new XmlWriter();
    w.out.append('<').append(root).append(" xmlns=\"").append(S3_NAMESPACE).append("\">");
    w.open.push(root);
    return w;
  }

  /** A document whose root element has no namespace (S3's {@code <Error>}). */
  public static XmlWriter plainDocument(String root) {
    XmlWriter w = new XmlWriter();
    return w.start(root);
  }

  public XmlWriter start(String name) {
    out.append('<').append(name).append('>');
    open.push(name);
    return this;
  }

  /** {@code <name a="v" ...>}: attribute names and values in pairs, values escaped. */
  public XmlWriter start(String name, String... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name/value pairs");
    }
    out.append('<').append(name);
    for (int i = 0; i < attributes.length; i += 2) {
      out.append(' ').append(attributes[i]).append("=\"");
      escape(attributes[i + 1], out);
      out.append('"');
    }
    out.append('>');
    open.push(name);
    return this;
  }

  public XmlWriter end() {
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  /** {@code <name>text</name>}; a null text writes an empty element. */
  public XmlWriter element(String name, String text) {
    out.append('<').append(name).append('>');
    if (text != null) {
      escape(text, out);
    }
    out.append("</").append(name).append('>');
    return this;
  }

  public XmlWriter element(String name, long value) {
    return element(name, Long.toString(value));
  }

  public XmlWriter element(String name, boolean value) {
    return element(name, Boolean.toString(value));
  }

  /** Escaped text inside the current element. */
  public XmlWriter text(String text) {
    escape(text, out);
    return this;
  }

  /** Writes the element only when {@code text} is not null. */
  public XmlWriter optional(String name, String text) {
    return text == null ? this : element(name, text);
  }

  /** Closes every open element and returns the document. */
  public String finish() {
    while (!open.isEmpty()) {
      end();
    }
    return out.toString();
  }

  /**
   * Escapes XML text. Control characters are written as numeric character references, as S3
   * does; clients that must round-trip such keys ask for encoding-type=url.
   */
  public static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    escape(text, sb);
    return sb.toString();
  }

  private static void escape(String text, StringBuilder sb) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        case '\r' -> sb.append("&#13;");
        case '\n' -> sb.append("&#10;");
        case '\t' -> sb.append("&#9;");
        default -> {
          if (c < 0x20) {
            sb.append("&#").append((int) c).append(';');
          } else {
            sb.append(c);
          }
        }
      }
    }
  }
}

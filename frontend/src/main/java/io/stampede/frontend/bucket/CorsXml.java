package io.stampede.frontend.bucket;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.xml.XmlWriter;
import io.stampede.location.api.bucket.CorsConfiguration;
import io.stampede.location.api.bucket.CorsRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * The {@code <CORSConfiguration>} document, checked as S3 checks it: first the structure of the
 * whole document (MalformedXML: 1 to 100 rules, each with an AllowedOrigin and an AllowedMethod,
 * at most one ID of up to 255 characters and one MaxAgeSeconds, no unknown element), then rule by
 * rule the values (InvalidRequest: methods GET, PUT, POST, DELETE, HEAD only; at most one
 * {@code *} in an AllowedOrigin or AllowedHeader; none in an ExposeHeader). Values are kept
 * exactly as sent.
 */
public final class CorsXml {
  /** S3's limit on the size of a CORS configuration. */
  public static final int MAX_BYTES = 64 * 1024;
  public static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");
  static final int ID_CHARS_MAX = 255;
  private static final Set<String> RULE_FIELDS =
      Set.of("ID", "AllowedMethod", "AllowedOrigin", "AllowedHeader", "ExposeHeader", "MaxAgeSeconds");

  private CorsXml() {}

  public static CorsConfiguration parse(byte[] body) {
    Element root = XmlElements.root(body, "CORSConfiguration", MAX_BYTES);
    List<Element> ruleElements = XmlElements.children(root, Set.of("CORSRule"));
    if (ruleElements.isEmpty() || ruleElements.size() > CorsConfiguration.RULES_MAX) {
      throw XmlElements.malformed();
    }
    List<CorsRule> rules = new ArrayList<>();
    for (Element e : ruleElements) {
      rules.add(structure(XmlElements.children(e, RULE_FIELDS)));
    }
    rules.forEach(CorsXml::values);
    return new CorsConfiguration(rules);
  }

  private static CorsRule structure(List<Element> fields) {
    Optional<String> id = XmlElements.singleText(fields, "ID");
    if (id.isPresent() && id.get().length() > ID_CHARS_MAX) {
      throw XmlElements.malformed();
    }
    OptionalInt maxAge = XmlElements.singleText(fields, "MaxAgeSeconds")
        .map(t -> OptionalInt.of((int) XmlElements.number(t, Integer.MAX_VALUE)))
        .orElse(OptionalInt.empty());
    List<String> methods = XmlElements.texts(fields, "AllowedMethod");
    List<String> origins = XmlElements.texts(fields, "AllowedOrigin");
    if (methods.isEmpty() || origins.isEmpty()) {
      throw XmlElements.malformed();
    }
    return new CorsRule(id, methods, origins, XmlElements.texts(fields, "AllowedHeader"),
        XmlElements.texts(fields, "ExposeHeader"), maxAge);
  }

  private static void values(CorsRule rule) {
    for (String m : rule.allowedMethods()) {
      if (!METHODS.contains(m)) {
        throw S3Error.INVALID_REQUEST.exception("Found unsupported HTTP method in CORS config. Unsupported method is " + m);
      }
    }
    for (String o : rule.allowedOrigins()) {
      if (wildcards(o) > 1) {
        throw S3Error.INVALID_REQUEST.exception("AllowedOrigin \"" + o + "\" can not have more than one wildcard.");
      }
    }
    for (String h : rule.allowedHeaders()) {
      if (wildcards(h) > 1) {
        throw S3Error.INVALID_REQUEST.exception("AllowedHeader \"" + h + "\" can not have more than one wildcard.");
      }
    }
    for (String h : rule.exposeHeaders()) {
      if (wildcards(h) > 0) {
        throw S3Error.INVALID_REQUEST.exception("ExposeHeader \"" + h
            + "\" contains wildcard. We currently do not support wildcard for ExposeHeader.");
      }
    }
  }

  private static long wildcards(String s) {
    return s.chars().filter(c -> c == '*').count();
  }

  /** GetBucketCors's document, elements in S3's order. */
  public static String render(CorsConfiguration cors) {
    XmlWriter xml = XmlWriter.document("CORSConfiguration");
    for (CorsRule r : cors.rules()) {
      xml.start("CORSRule");
      r.id().ifPresent(id -> xml.element("ID", id));
      r.allowedMethods().forEach(m -> xml.element("AllowedMethod", m));
      r.allowedOrigins().forEach(o -> xml.element("AllowedOrigin", o));
      r.allowedHeaders().forEach(h -> xml.element("AllowedHeader", h));
      r.maxAgeSeconds().ifPresent(s -> xml.element("MaxAgeSeconds", s));
      r.exposeHeaders().forEach(h -> xml.element("ExposeHeader", h));
      xml.end();
    }
    return xml.finish();
  }
}

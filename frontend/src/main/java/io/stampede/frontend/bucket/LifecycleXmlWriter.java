package io.stampede.frontend.bucket;

import io.stampede.frontend.xml.XmlWriter;
import io.stampede.location.api.bucket.LifecycleConfiguration;
import io.stampede.location.api.bucket.LifecycleExpiration;
import io.stampede.location.api.bucket.LifecycleFilter;
import io.stampede.location.api.bucket.LifecycleRule;
import java.util.Map;

/** GetBucketLifecycleConfiguration's document: each rule as it was sent, its filter in the same form. */
public final class LifecycleXmlWriter {
  private LifecycleXmlWriter() {}

  public static String render(LifecycleConfiguration lifecycle) {
    XmlWriter xml = XmlWriter.document("LifecycleConfiguration");
    for (LifecycleRule r : lifecycle.rules()) {
      xml.start("Rule").element("ID", r.id());
      filter(xml, r.filter());
      xml.element("Status", r.enabled() ? "Enabled" : "Disabled");
      r.expiration().ifPresent(e -> expiration(xml, e));
      r.noncurrentVersionExpiration().ifPresent(n -> {
        xml.start("NoncurrentVersionExpiration").element("NoncurrentDays", n.noncurrentDays());
        n.newerNoncurrentVersions().ifPresent(v -> xml.element("NewerNoncurrentVersions", v));
        xml.end();
      });
      r.abortIncompleteUploadDays().ifPresent(d ->
          xml.start("AbortIncompleteMultipartUpload").element("DaysAfterInitiation", d).end());
      xml.end();
    }
    return xml.finish();
  }

  private static void filter(XmlWriter xml, LifecycleFilter f) {
    switch (f.form()) {
      case RULE_PREFIX -> xml.element("Prefix", f.prefix());
      case EMPTY -> xml.start("Filter").end();
      case PREFIX -> xml.start("Filter").element("Prefix", f.prefix()).end();
      case TAG -> tags(xml.start("Filter"), f.tags()).end();
      case SIZE_GREATER_THAN -> xml.start("Filter").element("ObjectSizeGreaterThan", f.sizeGreaterThan().getAsLong()).end();
      case SIZE_LESS_THAN -> xml.start("Filter").element("ObjectSizeLessThan", f.sizeLessThan().getAsLong()).end();
      case AND -> {
        xml.start("Filter").start("And");
        if (!f.prefix().isEmpty()) {
          xml.element("Prefix", f.prefix());
        }
        tags(xml, f.tags());
        f.sizeGreaterThan().ifPresent(n -> xml.element("ObjectSizeGreaterThan", n));
        f.sizeLessThan().ifPresent(n -> xml.element("ObjectSizeLessThan", n));
        xml.end().end();
      }
    }
  }

  private static XmlWriter tags(XmlWriter xml, Map<String, String> tags) {
    tags.forEach((k, v) -> xml.start("Tag").element("Key", k).element("Value", v).end());
    return xml;
  }

  private static void expiration(XmlWriter xml, LifecycleExpiration e) {
    xml.start("Expiration");
    e.days().ifPresent(d -> xml.element("Days", d));
    e.date().ifPresent(d -> xml.element("Date", d + "T00:00:00.000Z"));
    e.expiredObjectDeleteMarker().ifPresent(m -> xml.element("ExpiredObjectDeleteMarker", m));
    xml.end();
  }
}

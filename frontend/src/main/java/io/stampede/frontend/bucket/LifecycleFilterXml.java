package io.stampede.frontend.bucket;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.xml.SafeXml;
import io.stampede.location.api.bucket.LifecycleFilter;
import io.stampede.location.api.bucket.LifecycleFilter.Form;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * A lifecycle rule's filter: its own {@code <Prefix>} (the old form) or a {@code <Filter>} that is
 * empty or holds exactly one of Prefix, Tag, ObjectSizeGreaterThan, ObjectSizeLessThan and And.
 */
final class LifecycleFilterXml {
  private static final Set<String> CONDITIONS =
      Set.of("Prefix", "Tag", "ObjectSizeGreaterThan", "ObjectSizeLessThan");
  private static final Set<String> FILTER_FIELDS =
      Set.of("Prefix", "Tag", "ObjectSizeGreaterThan", "ObjectSizeLessThan", "And");

  private LifecycleFilterXml() {}

  static LifecycleFilter of(List<Element> ruleFields) {
    Optional<String> rulePrefix = XmlElements.singleText(ruleFields, "Prefix");
    Optional<Element> filter = XmlElements.single(ruleFields, "Filter");
    if (rulePrefix.isPresent() == filter.isPresent()) {
      throw XmlElements.malformed();
    }
    if (rulePrefix.isPresent()) {
      return LifecycleFilter.rulePrefix(rulePrefix.get());
    }
    List<Element> fields = XmlElements.children(filter.get(), FILTER_FIELDS);
    if (fields.isEmpty()) {
      return new LifecycleFilter(Form.EMPTY, "", Map.of(), OptionalLong.empty(), OptionalLong.empty());
    }
    if (fields.size() > 1) {
      throw XmlElements.malformed();
    }
    Element only = fields.get(0);
    return switch (SafeXml.localName(only)) {
      case "Prefix" -> LifecycleFilter.prefix(XmlElements.text(only));
      case "Tag" -> new LifecycleFilter(Form.TAG, "", tags(List.of(only)), OptionalLong.empty(), OptionalLong.empty());
      case "ObjectSizeGreaterThan" -> new LifecycleFilter(Form.SIZE_GREATER_THAN, "", Map.of(),
          OptionalLong.of(size(only)), OptionalLong.empty());
      case "ObjectSizeLessThan" -> new LifecycleFilter(Form.SIZE_LESS_THAN, "", Map.of(),
          OptionalLong.empty(), OptionalLong.of(size(only)));
      default -> and(XmlElements.children(only, CONDITIONS));
    };
  }

  private static LifecycleFilter and(List<Element> fields) {
    String prefix = XmlElements.singleText(fields, "Prefix").orElse("");
    OptionalLong greater = XmlElements.single(fields, "ObjectSizeGreaterThan")
        .map(e -> OptionalLong.of(size(e))).orElse(OptionalLong.empty());
    OptionalLong less = XmlElements.single(fields, "ObjectSizeLessThan")
        .map(e -> OptionalLong.of(size(e))).orElse(OptionalLong.empty());
    if (greater.isPresent() && less.isPresent() && greater.getAsLong() >= less.getAsLong()) {
      throw S3Error.INVALID_ARGUMENT.exception("ObjectSizeLessThan must be greater than ObjectSizeGreaterThan");
    }
    return new LifecycleFilter(Form.AND, prefix, tags(XmlElements.named(fields, "Tag")), greater, less);
  }

  private static Map<String, String> tags(List<Element> tagElements) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Element tag : tagElements) {
      List<Element> kv = XmlElements.children(tag, Set.of("Key", "Value"));
      String key = XmlElements.singleText(kv, "Key").orElseThrow(XmlElements::malformed);
      String value = XmlElements.singleText(kv, "Value").orElse("");
      TagSetXml.check(key, value);
      if (tags.put(key, value) != null) {
        throw S3Error.INVALID_REQUEST.exception("Duplicate Tag Keys are not allowed.");
      }
    }
    return tags;
  }

  private static long size(Element e) {
    return XmlElements.number(XmlElements.text(e), Long.MAX_VALUE);
  }
}

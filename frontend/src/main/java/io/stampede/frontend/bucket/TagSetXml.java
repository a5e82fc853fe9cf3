package io.stampede.frontend.bucket;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.xml.XmlWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * The {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging>} document of bucket
 * (and object) tagging. Tags are checked one by one in document order, as S3 does, and the first
 * bad one decides the error: a key of 1 to 128 characters and a value of up to 256, both made of
 * letters, digits, spaces and {@code + - = . _ : / @} (InvalidTag); no {@code aws:} key
 * (InvalidTag); no key twice (InvalidTag). Only then is the count checked (BadRequest).
 */
public final class TagSetXml {
  public static final int KEY_CHARS_MAX = 128;
  public static final int VALUE_CHARS_MAX = 256;

  private TagSetXml() {}

  /**
   * The tags of a Tagging document, in document order.
   * {@code countMessage} is the BadRequest message for more than {@code tagsMax} tags.
   */
  public static Map<String, String> parse(byte[] body, int maxBytes, int tagsMax, String countMessage) {
    Element root = XmlElements.root(body, "Tagging", maxBytes);
    List<Element> sets = XmlElements.children(root, Set.of("TagSet"));
    if (sets.size() != 1) {
      throw XmlElements.malformed();
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (Element tag : XmlElements.children(sets.get(0), Set.of("Tag"))) {
      List<Element> fields = XmlElements.children(tag, Set.of("Key", "Value"));
      String key = XmlElements.singleText(fields, "Key").orElseThrow(XmlElements::malformed);
      String value = XmlElements.singleText(fields, "Value").orElseThrow(XmlElements::malformed);
      check(key, value);
      if (tags.put(key, value) != null) {
        throw S3Error.INVALID_TAG.exception("Cannot provide multiple Tags with the same key");
      }
    }
    if (tags.size() > tagsMax) {
      throw S3Error.BAD_REQUEST.exception(countMessage);
    }
    return tags;
  }

  /** One tag's checks, in S3's order. */
  public static void check(String key, String value) {
    if (key.isEmpty() || key.length() > KEY_CHARS_MAX || !allowed(key)) {
      throw S3Error.INVALID_TAG.exception("The TagKey you have provided is invalid");
    }
    if (value.length() > VALUE_CHARS_MAX || !allowed(value)) {
      throw S3Error.INVALID_TAG.exception("The TagValue you have provided is invalid");
    }
    if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
      throw S3Error.INVALID_TAG.exception("System tags cannot be added/updated by requester");
    }
  }

  /** Letters, digits, spaces and {@code + - = . _ : / @}, as AWS tagging allows. */
  static boolean allowed(String text) {
    return text.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || Character.isSpaceChar(c)
        || Character.getType(c) == Character.LETTER_NUMBER || Character.getType(c) == Character.OTHER_NUMBER
        || "+-=._:/@".indexOf(c) >= 0);
  }

  /** The Tagging document. */
  public static String render(Map<String, String> tags) {
    XmlWriter xml = XmlWriter.document("Tagging").start("TagSet");
    tags.forEach((k, v) -> xml.start("Tag").element("Key", k).element("Value", v).end());
    return xml.finish();
  }
}

package io.stampede.frontend.s3;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.http.UriEncoding;
import io.stampede.frontend.xml.SafeXml;
import io.stampede.frontend.xml.XmlWriter;
import io.vertx.core.buffer.Buffer;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * A tag set as S3 takes it, for objects (at most {@link #OBJECT_TAGS_MAX} tags) and buckets (at
 * most {@link #BUCKET_TAGS_MAX}): from a {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>...}
 * document or from the {@code x-amz-tagging} header's URL query form, and written back as that
 * document with the tags in key order. Keys are 1 to 128 and values 0 to 256 UTF-16 code units
 * (S3 counts in UTF-16) of Unicode letters, digits, white space and {@code _ . : / = + @ -};
 * keys are unique and never start with the reserved {@code aws:}. Every violation is InvalidTag
 * (a wrong document MalformedXML, a header that is no query string InvalidArgument), and S3
 * answers InvalidTag for too many tags too.
 */
final class TagSet {
  static final int OBJECT_TAGS_MAX = 10;
  static final int BUCKET_TAGS_MAX = 50;
  static final int KEY_CHARS_MAX = 128;
  static final int VALUE_CHARS_MAX = 256;
  /** Room for the largest bucket tag set, every character four bytes of UTF-8, with its markup. */
  static final int DOCUMENT_BYTES_MAX = 128 * 1024;
  static final String HEADER = "x-amz-tagging";
  private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
  private static final String BAD_HEADER = "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded "
      + "URL query parameters without tag name duplicates.";

  private TagSet() {}

  /** The tags of a Tagging document, validated against {@code maxTags}. */
  static Map<String, String> fromXml(Buffer body, int maxTags) {
    Element root = RequestXml.root(body, "Tagging", DOCUMENT_BYTES_MAX);
    var sets = RequestXml.children(root, "TagSet");
    if (sets.size() != 1) {
      throw S3Error.MALFORMED_XML.exception();
    }
    Map<String, String> tags = new TreeMap<>();
    for (Element tag : RequestXml.children(sets.get(0), "Tag")) {
      String key = text(tag, "Key");
      String value = text(tag, "Value");
      if (key == null || value == null) {
        throw S3Error.MALFORMED_XML.exception();
      }
      if (tags.put(key, value) != null) {
        throw S3Error.INVALID_TAG.exception("Cannot provide multiple Tags with the same key");
      }
    }
    return validated(tags, maxTags);
  }

  /** The tags of an {@code x-amz-tagging} header ({@code k1=v1&k2=v2}, form-encoded); empty if absent. */
  static Map<String, String> fromHeader(String header, int maxTags) {
    Map<String, String> tags = new TreeMap<>();
    if (header == null || header.isEmpty()) {
      return tags;
    }
    for (String pair : header.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = formDecode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
      if ((eq >= 0 && pair.indexOf('=', eq + 1) >= 0) || tags.put(key, value) != null) {
        throw S3Error.INVALID_ARGUMENT.exception(BAD_HEADER);
      }
    }
    return validated(tags, maxTags);
  }

  /** The Tagging document of {@code tags}, in key order. */
  static String toXml(Map<String, String> tags) {
    XmlWriter xml = XmlWriter.document("Tagging").start("TagSet");
    new TreeMap<>(tags).forEach((k, v) -> xml.start("Tag").element("Key", k).element("Value", v).end());
    return xml.finish();
  }

  static Map<String, String> validated(Map<String, String> tags, int maxTags) {
    if (tags.size() > maxTags) {
      throw S3Error.INVALID_TAG.exception((maxTags == OBJECT_TAGS_MAX ? "Object" : "Bucket")
          + " tags cannot be greater than " + maxTags);
    }
    tags.forEach((key, value) -> {
      if (key.isEmpty() || key.length() > KEY_CHARS_MAX || !ALLOWED.matcher(key).matches()) {
        throw S3Error.INVALID_TAG.exception("The TagKey you have provided is invalid");
      }
      if (value.length() > VALUE_CHARS_MAX || !ALLOWED.matcher(value).matches()) {
        throw S3Error.INVALID_TAG.exception("The TagValue you have provided is invalid");
      }
      if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
        throw S3Error.INVALID_TAG.exception("Your TagKey cannot be prefixed with aws:");
      }
    });
    return tags;
  }

  /** An element's text as sent (tags keep their spaces), or null if the element is missing. */
  private static String text(Element parent, String name) {
    var found = RequestXml.children(parent, name);
    return found.size() == 1 ? found.get(0).getTextContent() : null;
  }

  private static String formDecode(String s) {
    try {
      return UriEncoding.decode(s.replace('+', ' '));
    } catch (S3Exception e) {
      throw S3Error.INVALID_ARGUMENT.exception(BAD_HEADER);
    }
  }
}

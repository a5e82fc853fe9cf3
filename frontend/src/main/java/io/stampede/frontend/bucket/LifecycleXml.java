package io.stampede.frontend.bucket;

import io.stampede.frontend.error.S3Error;
import io.stampede.location.api.bucket.LifecycleConfiguration;
import io.stampede.location.api.bucket.LifecycleExpiration;
import io.stampede.location.api.bucket.LifecycleFilter;
import io.stampede.location.api.bucket.LifecycleRule;
import io.stampede.location.api.bucket.NoncurrentVersionExpiration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Reads the {@code <LifecycleConfiguration>} document of PutBucketLifecycleConfiguration with S3's
 * errors: MalformedXML for a document that does not follow the schema (no rule or more than
 * 1000, a rule without a valid Status, with both or neither of Prefix and Filter, a filter with
 * more than one condition, an expiration with more or less than one of Days, Date and
 * ExpiredObjectDeleteMarker, numbers that are not numbers); InvalidArgument for values out of
 * range (days not positive, a date not at midnight GMT, an ID over 255 characters or used twice);
 * InvalidRequest for a rule without an action or with tag filters on actions that cannot have
 * them. Transitions are NotImplemented: this store has one storage class. A rule without an ID
 * gets one, as in S3. Rendering lives in {@link LifecycleXmlWriter}.
 */
public final class LifecycleXml {
  /**
   * Room for 1000 rules with long prefixes and IDs. With CORS (64 KiB) and tags (128 KiB) the
   * bucket's record, which holds their parsed (smaller) form, stays under the location
   * service's 1 MiB journal record.
   */
  public static final int MAX_BYTES = 512 * 1024;
  private static final Set<String> RULE_FIELDS = Set.of("ID", "Prefix", "Filter", "Status", "Expiration",
      "NoncurrentVersionExpiration", "AbortIncompleteMultipartUpload", "Transition", "NoncurrentVersionTransition");

  private LifecycleXml() {}

  public static LifecycleConfiguration parse(byte[] body) {
    Element root = XmlElements.root(body, "LifecycleConfiguration", MAX_BYTES);
    List<Element> ruleElements = XmlElements.children(root, Set.of("Rule"));
    if (ruleElements.isEmpty() || ruleElements.size() > LifecycleConfiguration.RULES_MAX) {
      throw XmlElements.malformed();
    }
    List<LifecycleRule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < ruleElements.size(); i++) {
      LifecycleRule rule = rule(XmlElements.children(ruleElements.get(i), RULE_FIELDS), i);
      if (!ids.add(rule.id())) {
        throw S3Error.INVALID_ARGUMENT.exception("Rule ID must be unique. Found same ID for more than one rule");
      }
      rules.add(rule);
    }
    return new LifecycleConfiguration(rules);
  }

  private static LifecycleRule rule(List<Element> fields, int index) {
    if (!XmlElements.named(fields, "Transition").isEmpty()
        || !XmlElements.named(fields, "NoncurrentVersionTransition").isEmpty()) {
      throw S3Error.NOT_IMPLEMENTED.exception("Lifecycle transitions are not implemented: there is one storage class");
    }
    boolean enabled = switch (XmlElements.singleText(fields, "Status").orElseThrow(XmlElements::malformed)) {
      case "Enabled" -> true;
      case "Disabled" -> false;
      default -> throw XmlElements.malformed();
    };
    LifecycleFilter filter = LifecycleFilterXml.of(fields);
    Optional<LifecycleExpiration> expiration = XmlElements.single(fields, "Expiration").map(LifecycleXml::expiration);
    Optional<NoncurrentVersionExpiration> noncurrent =
        XmlElements.single(fields, "NoncurrentVersionExpiration").map(LifecycleXml::noncurrent);
    OptionalInt abortDays = XmlElements.single(fields, "AbortIncompleteMultipartUpload")
        .map(e -> OptionalInt.of(positive(XmlElements.singleText(XmlElements.children(e,
            Set.of("DaysAfterInitiation")), "DaysAfterInitiation").orElseThrow(XmlElements::malformed),
            "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer")))
        .orElse(OptionalInt.empty());
    if (expiration.isEmpty() && noncurrent.isEmpty() && abortDays.isEmpty()) {
      throw S3Error.INVALID_REQUEST.exception("At least one action needs to be specified in a rule");
    }
    if (!filter.tags().isEmpty() && abortDays.isPresent()) {
      throw S3Error.INVALID_REQUEST.exception("AbortIncompleteMultipartUpload cannot be specified with Tags.");
    }
    if (!filter.tags().isEmpty() && expiration.flatMap(LifecycleExpiration::expiredObjectDeleteMarker).isPresent()) {
      throw S3Error.INVALID_REQUEST.exception("ExpiredObjectDeleteMarker cannot be specified with Tags.");
    }
    Optional<String> id = XmlElements.singleText(fields, "ID");
    if (id.isPresent() && id.get().length() > LifecycleRule.ID_CHARS_MAX) {
      throw S3Error.INVALID_ARGUMENT.exception("ID length should not exceed allowed limit of 255");
    }
    LifecycleRule unnamed = new LifecycleRule("", enabled, filter, expiration, noncurrent, abortDays);
    String ruleId = id.filter(s -> !s.isEmpty()).orElseGet(() -> generatedId(unnamed, index));
    return new LifecycleRule(ruleId, enabled, filter, expiration, noncurrent, abortDays);
  }

  private static LifecycleExpiration expiration(Element e) {
    List<Element> fields = XmlElements.children(e, Set.of("Days", "Date", "ExpiredObjectDeleteMarker"));
    Optional<String> days = XmlElements.singleText(fields, "Days");
    Optional<String> date = XmlElements.singleText(fields, "Date");
    Optional<String> marker = XmlElements.singleText(fields, "ExpiredObjectDeleteMarker");
    if (fields.size() != 1) {
      throw XmlElements.malformed();
    }
    if (days.isPresent()) {
      return LifecycleExpiration.afterDays(positive(days.get(), "'Days' for Expiration action must be a positive integer"));
    }
    if (date.isPresent()) {
      return LifecycleExpiration.onDate(midnight(date.get()));
    }
    return new LifecycleExpiration(OptionalInt.empty(), Optional.empty(), Optional.of(bool(marker.orElseThrow())));
  }

  private static NoncurrentVersionExpiration noncurrent(Element e) {
    List<Element> fields = XmlElements.children(e, Set.of("NoncurrentDays", "NewerNoncurrentVersions"));
    int days = positive(XmlElements.singleText(fields, "NoncurrentDays").orElseThrow(XmlElements::malformed),
        "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer");
    OptionalInt newer = XmlElements.singleText(fields, "NewerNoncurrentVersions").map(t -> {
      long n = XmlElements.signedNumber(t);
      if (n < 1 || n > 100) {
        throw S3Error.INVALID_ARGUMENT.exception("NewerNoncurrentVersions must be between 1 and 100");
      }
      return OptionalInt.of((int) n);
    }).orElse(OptionalInt.empty());
    return new NoncurrentVersionExpiration(days, newer);
  }

  /** A day count: MalformedXML if not an integer, InvalidArgument with {@code message} if not positive. */
  private static int positive(String text, String message) {
    long n = XmlElements.signedNumber(text);
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw S3Error.INVALID_ARGUMENT.exception(message);
    }
    return (int) n;
  }

  private static boolean bool(String text) {
    return switch (text.trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw XmlElements.malformed();
    };
  }

  /** An ISO-8601 date, or date and time that must be midnight UTC. */
  static LocalDate midnight(String text) {
    String t = text.trim();
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t);
      }
      OffsetDateTime time = OffsetDateTime.parse(t).withOffsetSameInstant(ZoneOffset.UTC);
      if (time.toLocalTime().toNanoOfDay() != 0) {
        throw S3Error.INVALID_ARGUMENT.exception("'Date' must be at midnight GMT");
      }
      return time.toLocalDate();
    } catch (DateTimeParseException e) {
      throw XmlElements.malformed();
    }
  }

  /** A stable id for a rule sent without one: the same document gets the same ids. */
  private static String generatedId(LifecycleRule rule, int index) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest((index + ":" + rule).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().withoutPadding().encodeToString(hash).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

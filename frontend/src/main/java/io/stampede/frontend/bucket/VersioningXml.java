package io.stampede.frontend.bucket;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.xml.XmlWriter;
import io.stampede.location.api.bucket.VersioningState;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * The {@code <VersioningConfiguration>} document. {@code Status} is Enabled or Suspended (anything
 * else is MalformedXML, as S3 answers); without it the state does not change. {@code MfaDelete}
 * Disabled is accepted and changes nothing; Enabled is NotImplemented: this store cannot check
 * MFA tokens, and accepting it would tell the client that deletes now need one while they would
 * not.
 */
public final class VersioningXml {
  public static final int MAX_BYTES = 4 * 1024;

  private VersioningXml() {}

  /** The requested state, or empty when the document leaves it as it is. */
  public static Optional<VersioningState> parse(byte[] body) {
    Element root = XmlElements.root(body, "VersioningConfiguration", MAX_BYTES);
    List<Element> fields = XmlElements.children(root, Set.of("Status", "MfaDelete", "MFADelete"));
    Optional<String> mfa = XmlElements.singleText(fields, "MfaDelete")
        .or(() -> XmlElements.singleText(fields, "MFADelete"));
    if (mfa.isPresent() && !mfa.get().equals("Disabled")) {
      if (mfa.get().equals("Enabled")) {
        throw S3Error.NOT_IMPLEMENTED.exception("MFA Delete is not implemented");
      }
      throw XmlElements.malformed();
    }
    return XmlElements.singleText(fields, "Status").map(status -> switch (status) {
      case "Enabled" -> VersioningState.ENABLED;
      case "Suspended" -> VersioningState.SUSPENDED;
      default -> throw XmlElements.malformed();
    });
  }

  /** GetBucketVersioning's answer: no Status for a bucket whose versioning was never enabled. */
  public static String render(VersioningState state) {
    XmlWriter xml = XmlWriter.document("VersioningConfiguration");
    switch (state) {
      case ENABLED -> xml.element("Status", "Enabled");
      case SUSPENDED -> xml.element("Status", "Suspended");
      case UNVERSIONED -> { }
    }
    return xml.finish();
  }
}

package io.stampede.frontend.acl;

import io.stampede.frontend.auth.Owner;
import io.stampede.frontend.xml.XmlWriter;

/** S3's owner element ({@code Owner}, {@code Initiator}): {@code <ID>} and {@code <DisplayName>}. */
public final class OwnerXml {
  private OwnerXml() {}

  public static XmlWriter write(XmlWriter xml, String element, Owner owner) {
    return xml.start(element).element("ID", owner.id()).element("DisplayName", owner.displayName()).end();
  }
}

package io.stampede.frontend.acl;

import io.stampede.frontend.acl.Grant.GranteeType;
import io.stampede.frontend.auth.Owner;
import io.stampede.frontend.auth.Users;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.xml.SafeXml;
import io.stampede.frontend.xml.XmlWriter;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The AccessControlPolicy document of GetBucketAcl/GetObjectAcl (written) and
 * PutBucketAcl/PutObjectAcl (read): an Owner and an AccessControlList of Grants.
 */
public final class AccessControlPolicy {
  public static final int DOCUMENT_BYTES_MAX = 64 * 1024;
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  private AccessControlPolicy() {}

  /** The policy of everything here: {@code owner} with FULL_CONTROL. */
  public static String render(Owner owner) {
    XmlWriter xml = XmlWriter.document("AccessControlPolicy");
    OwnerXml.write(xml, "Owner", owner);
    return xml.start("AccessControlList").start("Grant")
        .start("Grantee", "xmlns:xsi", XSI, "xsi:type", GranteeType.CANONICAL_USER.xsiType())
        .element("ID", owner.id())
        .element("DisplayName", owner.displayName())
        .end()
        .element("Permission", Permission.FULL_CONTROL.name())
        .finish();
  }

  /**
   * The grants of a policy document for a resource {@code owner} owns. MalformedACLError if the
   * document is not a policy; an Owner naming someone else is AccessDenied (an ACL cannot change
   * the owner), or InvalidArgument if no such user exists.
   */
  public static List<Grant> parse(byte[] body, Owner owner, Users users) {
    Element root;
    try {
      root = SafeXml.parse(body, DOCUMENT_BYTES_MAX).getDocumentElement();
    } catch (S3Exception e) {
      throw malformed();
    }
    if (!"AccessControlPolicy".equals(SafeXml.localName(root))) {
      throw malformed();
    }
    List<Element> owners = SafeXml.children(root, "Owner");
    if (owners.size() > 1) {
      throw malformed();
    }
    if (owners.size() == 1) {
      String id = SafeXml.childText(owners.get(0), "ID");
      if (id != null && !id.equals(owner.id())) {
        throw users.byCanonicalId(id).isPresent()
            ? S3Error.ACCESS_DENIED.exception("An ACL cannot change the owner")
            : S3Error.INVALID_ARGUMENT.exception("Invalid id");
      }
    }
    List<Element> lists = SafeXml.children(root, "AccessControlList");
    if (lists.size() != 1) {
      throw malformed();
    }
    List<Element> grantElements = SafeXml.children(lists.get(0), "Grant");
    if (grantElements.isEmpty() && !lists.get(0).getTextContent().isBlank()) {
      throw malformed();
    }
    if (grantElements.size() > AclGrants.GRANTS_MAX) {
      throw malformed();
    }
    List<Grant> grants = new ArrayList<>();
    for (Element g : grantElements) {
      grants.add(grant(g));
    }
    return grants;
  }

  private static Grant grant(Element g) {
    List<Element> grantees = SafeXml.children(g, "Grantee");
    String permission = SafeXml.childText(g, "Permission");
    if (grantees.size() != 1 || permission == null) {
      throw malformed();
    }
    Permission p = Permission.named(permission).orElseThrow(AccessControlPolicy::malformed);
    Element grantee = grantees.get(0);
    String xsiType = grantee.getAttributeNS(XSI, "type");
    for (GranteeType t : GranteeType.values()) {
      String value = SafeXml.childText(grantee, t.element());
      boolean typed = xsiType.isEmpty() ? value != null : t.xsiType().equals(xsiType);
      if (typed) {
        if (value == null || value.isEmpty()) {
          throw malformed();
        }
        return new Grant(t, value, p);
      }
    }
    throw malformed();
  }


  private static S3Exception malformed() {
    return S3Error.MALFORMED_ACL_ERROR.exception();
  }
}

package io.stampede.frontend.acl;

import java.util.Objects;

/**
 * One ACL grant: a grantee, named by canonical user id, group URI or e-mail address, and what
 * it may do.
 */
public record Grant(GranteeType type, String grantee, Permission permission) {
  /** The xsi:type names of S3's grantee kinds, with the element or header key naming them. */
  public enum GranteeType {
    CANONICAL_USER("CanonicalUser", "ID", "id"),
    GROUP("Group", "URI", "uri"),
    EMAIL("AmazonCustomerByEmail", "EmailAddress", "emailAddress");

    private final String xsiType;
    private final String element;
    private final String headerKey;

    GranteeType(String xsiType, String element, String headerKey) {
      this.xsiType = xsiType;
      this.element = element;
      this.headerKey = headerKey;
    }

    public String xsiType() {
      return xsiType;
    }

    public String element() {
      return element;
    }

    public String headerKey() {
      return headerKey;
    }
  }

  public Grant {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(grantee, "grantee");
    Objects.requireNonNull(permission, "permission");
  }
}

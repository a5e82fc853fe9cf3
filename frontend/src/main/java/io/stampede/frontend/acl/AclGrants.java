package io.stampede.frontend.acl;

import io.stampede.frontend.acl.Grant.GranteeType;
import io.stampede.frontend.auth.Owner;
import io.stampede.frontend.auth.Users;
import io.stampede.frontend.error.S3Error;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Grants from x-amz-grant-* headers, and the check that a set of grants is one this stamp can honour. */
public final class AclGrants {
  /** S3's limit on the grants of one ACL. */
  static final int GRANTS_MAX = 100;
  static final Set<String> GROUPS = Set.of(
      "http://acs.amazonaws.com/groups/global/AllUsers",
      "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
      "http://acs.amazonaws.com/groups/s3/LogDelivery");

  private AclGrants() {}

  /** Whether any x-amz-grant-* header is present (and not empty). */
  public static boolean present(MultiMap headers) {
    for (Permission p : Permission.values()) {
      String v = headers.get(p.header());
      if (v != null && !v.isBlank()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The grants of the x-amz-grant-* headers: each a comma-separated list of {@code id="..."},
   * {@code uri="..."} or {@code emailAddress="..."}. InvalidArgument if one cannot be read.
   */
  public static List<Grant> fromHeaders(MultiMap headers) {
    List<Grant> grants = new ArrayList<>();
    for (Permission p : Permission.values()) {
      for (String value : headers.getAll(p.header())) {
        if (value.isBlank()) {
          continue;
        }
        for (String part : value.split(",", -1)) {
          grants.add(parseGrantee(p, part.strip()));
          if (grants.size() > GRANTS_MAX) {
            throw S3Error.INVALID_ARGUMENT.exception("An ACL has at most " + GRANTS_MAX + " grants");
          }
        }
      }
    }
    return grants;
  }

  private static Grant parseGrantee(Permission p, String grantee) {
    int eq = grantee.indexOf('=');
    if (eq <= 0) {
      throw S3Error.INVALID_ARGUMENT.exception("Invalid " + p.header() + " grantee '" + grantee + "'");
    }
    String key = grantee.substring(0, eq).strip();
    String value = grantee.substring(eq + 1).strip();
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    for (GranteeType t : GranteeType.values()) {
      if (t.headerKey().equalsIgnoreCase(key) && !value.isEmpty()) {
        return new Grant(t, value, p);
      }
    }
    throw S3Error.INVALID_ARGUMENT.exception("Invalid " + p.header() + " grantee '" + grantee + "'");
  }

  /**
   * Accepts grants that amount to {@code owner}'s FULL_CONTROL and nothing else. As S3 does, an
   * unknown canonical id or group is InvalidArgument and an e-mail grantee that matches no
   * account (all of them: users have no e-mail addresses here) UnresolvableGrantByEmailAddress;
   * any other grant, or none that gives the owner FULL_CONTROL, is NotImplemented.
   */
  public static void requireOwnerFullControl(List<Grant> grants, Owner owner, Users users) {
    boolean ownerFull = false;
    boolean others = false;
    for (Grant g : grants) {
      switch (g.type()) {
        case CANONICAL_USER -> {
          if (users.byCanonicalId(g.grantee()).isEmpty() && !g.grantee().equals(owner.id())) {
            throw S3Error.INVALID_ARGUMENT.exception("Invalid id");
          }
          boolean toOwner = g.grantee().equals(owner.id());
          ownerFull |= toOwner && g.permission() == Permission.FULL_CONTROL;
          others |= !toOwner;
        }
        case GROUP -> {
          if (!GROUPS.contains(g.grantee())) {
            throw S3Error.INVALID_ARGUMENT.exception("Invalid group uri");
          }
          others = true;
        }
        case EMAIL -> throw S3Error.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS.exception();
      }
    }
    if (others || !ownerFull) {
      throw S3Error.NOT_IMPLEMENTED.exception(
          "Only an ACL granting the owner FULL_CONTROL and nothing else is supported; grants to other "
              + "grantees, and owners with less than FULL_CONTROL, are not implemented");
    }
  }
}

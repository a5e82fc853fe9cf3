package io.stampede.frontend.acl;

import io.stampede.frontend.auth.Owner;
import io.stampede.frontend.auth.Users;
import io.stampede.frontend.error.S3Error;
import io.vertx.core.MultiMap;
import java.util.Optional;

/**
 * The ACL headers of a request that creates a bucket or an object (CreateBucket, PutObject,
 * CreateMultipartUpload, CopyObject) or sets an ACL: {@code x-amz-acl} or x-amz-grant-*, never
 * both. Call {@link #check} before anything changes.
 */
public final class AclHeaders {
  public static final String CANNED = "x-amz-acl";

  private AclHeaders() {}

  /**
   * Checks the ACL headers of a request on {@code resource}, a bucket or object owned by
   * {@code owner}; returns the canned ACL if one was given. An empty x-amz-acl is ignored, as
   * S3 does. Fails InvalidRequest for both kinds at once, InvalidArgument for an unknown canned
   * ACL, and as {@link AclGrants#requireOwnerFullControl} for grants.
   */
  public static Optional<CannedAcl> check(MultiMap headers, AclResource resource, Owner owner, Users users) {
    Optional<CannedAcl> canned = canned(headers, resource);
    boolean grants = AclGrants.present(headers);
    if (canned.isPresent() && grants) {
      throw S3Error.INVALID_REQUEST.exception("Specifying both Canned ACLs and Header Grants is not allowed");
    }
    if (grants) {
      AclGrants.requireOwnerFullControl(AclGrants.fromHeaders(headers), owner, users);
    }
    return canned;
  }

  /** Whether the request carries an ACL in its headers. */
  public static boolean present(MultiMap headers) {
    String canned = headers.get(CANNED);
    return (canned != null && !canned.isBlank()) || AclGrants.present(headers);
  }

  private static Optional<CannedAcl> canned(MultiMap headers, AclResource resource) {
    String value = headers.get(CANNED);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(CannedAcl.parse(value.strip(), resource));
  }
}

package io.stampede.frontend.s3;

import io.stampede.frontend.acl.AccessControlPolicy;
import io.stampede.frontend.acl.AclGrants;
import io.stampede.frontend.acl.AclHeaders;
import io.stampede.frontend.acl.AclResource;
import io.stampede.frontend.auth.Owner;
import io.stampede.frontend.auth.Users;
import io.stampede.frontend.error.S3Error;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;

/**
 * The new ACL of PutBucketAcl and PutObjectAcl, from the headers (x-amz-acl or x-amz-grant-*) or
 * from an AccessControlPolicy body, never both (UnexpectedContent) and never neither
 * (MissingSecurityHeader). Succeeds if this stamp can honour it; nothing is stored, since every
 * ACL it accepts is the owner's FULL_CONTROL.
 */
final class AclChange {
  private AclChange() {}

  static Future<Void> check(S3Request request, AclResource resource, Owner owner, Users users) {
    MultiMap headers = request.http().headers();
    boolean inHeaders = AclHeaders.present(headers);
    return RequestXml.read(request, AccessControlPolicy.DOCUMENT_BYTES_MAX).map(body -> {
      if (inHeaders && body.length() > 0) {
        throw S3Error.UNEXPECTED_CONTENT.exception();
      }
      if (inHeaders) {
        AclHeaders.check(headers, resource, owner, users);
      } else if (body.length() == 0) {
        throw S3Error.MISSING_SECURITY_HEADER.exception("Your request was missing a required header: x-amz-acl");
      } else {
        AclGrants.requireOwnerFullControl(AccessControlPolicy.parse(body.getBytes(), owner, users), owner, users);
      }
      return null;
    });
  }
}

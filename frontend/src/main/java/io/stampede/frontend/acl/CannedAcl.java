package io.stampede.frontend.acl;

import io.stampede.frontend.error.S3Error;

/** S3's canned ACLs, the values of {@code x-amz-acl}. */
public enum CannedAcl {
  PRIVATE("private"),
  PUBLIC_READ("public-read"),
  PUBLIC_READ_WRITE("public-read-write"),
  AUTHENTICATED_READ("authenticated-read"),
  AWS_EXEC_READ("aws-exec-read"),
  BUCKET_OWNER_READ("bucket-owner-read"),
  BUCKET_OWNER_FULL_CONTROL("bucket-owner-full-control"),
  /** Only for buckets (S3's canned ACL table); refused on objects. */
  LOG_DELIVERY_WRITE("log-delivery-write");

  private final String value;

  CannedAcl(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  /** The canned ACL named {@code value} that applies to {@code resource}; InvalidArgument otherwise. */
  public static CannedAcl parse(String value, AclResource resource) {
    for (CannedAcl c : values()) {
      if (c.value.equals(value) && !(resource == AclResource.OBJECT && c == LOG_DELIVERY_WRITE)) {
        return c;
      }
    }
    throw S3Error.INVALID_ARGUMENT.exception("Invalid canned ACL '" + value + "' (x-amz-acl)");
  }
}

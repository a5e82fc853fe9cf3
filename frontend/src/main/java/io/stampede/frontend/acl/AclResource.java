package io.stampede.frontend.acl;

/** What an ACL applies to: some canned ACLs exist only for buckets. */
public enum AclResource {
  BUCKET,
  OBJECT
}

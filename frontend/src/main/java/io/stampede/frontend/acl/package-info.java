/**
 * Access control lists at the front end. Every bucket and object belongs to the bucket's
 * creator, who alone may use it (the bucket check in the dispatcher); ACLs are accepted where
 * they say exactly that. Canned ACLs ({@code x-amz-acl}) are accepted on every request that takes
 * them and are not stored: this stamp serves no anonymous requests and no cross-user grants, so
 * every ACL reads back as the owner's FULL_CONTROL. Explicit grants (x-amz-grant-* headers or an
 * AccessControlPolicy body) to anyone but the owner's FULL_CONTROL would silently not take
 * effect, so they are refused with NotImplemented after the checks S3 itself makes (unknown
 * canonical id, e-mail grantee, bad syntax) gave their 400s.
 */
package io.stampede.frontend.acl;

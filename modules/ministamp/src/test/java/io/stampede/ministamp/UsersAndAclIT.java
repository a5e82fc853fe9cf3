package io.stampede.ministamp;

import static io.stampede.ministamp.S3OperationsIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stampede.frontend.auth.User;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * Several users, bucket ownership and ACLs through the AWS SDK against a real stamp: the
 * default user {@code stampede} and {@code other}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class UsersAndAclIT {
  static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
  static final String OWNER_ID = User.canonicalIdOf(StampConfig.DEFAULT_ACCESS_KEY);
  static final String OTHER_ID = User.canonicalIdOf("other");
  @TempDir static Path dir;
  static MiniStamp stamp;
  static S3Client s3;
  static S3Client other;

  @BeforeAll
  static void start() {
    stamp = MiniStamp.start(TestStamps.config(dir));
    s3 = TestStamps.s3(stamp);
    other = TestStamps.s3(stamp, "other", "other-secret");
  }

  @AfterAll
  static void stop() {
    for (S3Client c : new S3Client[] {s3, other}) {
      if (c != null) {
        c.close();
      }
    }
    if (stamp != null) {
      stamp.close();
    }
  }

  @Test
  void anotherUsersBucketAndObjectsAreAccessDenied() {
    s3.createBucket(b -> b.bucket("mine"));
    s3.putObject(b -> b.bucket("mine").key("k"), RequestBody.fromString("private"));
    List<Runnable> calls = List.of(
        () -> other.listObjectsV2(b -> b.bucket("mine")),
        () -> other.listObjects(b -> b.bucket("mine")),
        () -> other.getBucketLocation(b -> b.bucket("mine")),
        () -> other.putObject(b -> b.bucket("mine").key("k"), RequestBody.fromString("overwrite")),
        () -> other.putObject(b -> b.bucket("mine").key("new"), RequestBody.fromString("new")),
        () -> other.getObject(b -> b.bucket("mine").key("k")),
        () -> other.deleteObject(b -> b.bucket("mine").key("k")),
        () -> other.deleteBucket(b -> b.bucket("mine")),
        () -> other.createMultipartUpload(b -> b.bucket("mine").key("mp")),
        () -> other.listMultipartUploads(b -> b.bucket("mine")),
        () -> other.getBucketAcl(b -> b.bucket("mine")),
        () -> other.putBucketAcl(b -> b.bucket("mine").acl(BucketCannedACL.PRIVATE)),
        () -> other.getObjectAcl(b -> b.bucket("mine").key("k")),
        () -> other.putObjectAcl(b -> b.bucket("mine").key("k").acl(ObjectCannedACL.PRIVATE)));
    for (Runnable call : calls) {
      assertError(403, "AccessDenied", call);
    }
    // HEAD answers carry no body, so only the status tells.
    assertEquals(403, assertThrows(S3Exception.class, () -> other.headBucket(b -> b.bucket("mine"))).statusCode());
    assertEquals(403, assertThrows(S3Exception.class,
        () -> other.headObject(b -> b.bucket("mine").key("k"))).statusCode());
    assertEquals("private", s3.getObjectAsBytes(b -> b.bucket("mine").key("k")).asUtf8String());
    assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket("mine").key("new")));
  }

  @Test
  void bucketNamesAreGlobalAndEachUserListsOnlyItsOwn() {
    s3.createBucket(b -> b.bucket("first-come"));
    other.createBucket(b -> b.bucket("others-own"));
    assertError(409, "BucketAlreadyExists", () -> other.createBucket(b -> b.bucket("first-come")));
    assertError(409, "BucketAlreadyOwnedByYou", () -> s3.createBucket(b -> b.bucket("first-come")));
    assertError(409, "BucketAlreadyExists", () -> s3.createBucket(b -> b.bucket("others-own")));

    ListBucketsResponse mine = s3.listBuckets();
    assertThat(mine.buckets()).extracting(Bucket::name).contains("first-come").doesNotContain("others-own");
    assertEquals(Owner.builder().id(OWNER_ID).displayName(StampConfig.DEFAULT_ACCESS_KEY).build(), mine.owner());
    assertThat(OWNER_ID).matches("[0-9a-f]{64}");
    ListBucketsResponse theirs = other.listBuckets();
    assertThat(theirs.buckets()).extracting(Bucket::name).containsExactly("others-own");
    assertEquals(OTHER_ID, theirs.owner().id());
    assertEquals("other", theirs.owner().displayName());

    other.putObject(b -> b.bucket("others-own").key("x"), RequestBody.fromString("x"));
    assertEquals(OTHER_ID, other.listObjects(b -> b.bucket("others-own")).contents().get(0).owner().id());
    assertEquals(OTHER_ID, other.listObjectsV2(b -> b.bucket("others-own").fetchOwner(true))
        .contents().get(0).owner().id());
    other.deleteObject(b -> b.bucket("others-own").key("x"));
    other.deleteBucket(b -> b.bucket("others-own"));
    s3.createBucket(b -> b.bucket("others-own"));
    assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains("others-own");
  }

  @Test
  void unknownAccessKeysAreRefused() {
    try (S3Client nobody = TestStamps.s3(stamp, "nobody", "whatever")) {
      assertError(403, "InvalidAccessKeyId", nobody::listBuckets);
      assertError(403, "InvalidAccessKeyId", () -> nobody.createBucket(b -> b.bucket("nobodys")));
    }
    assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain("nobodys");
  }

  @Test
  void cannedAclsAreAcceptedOnCreationAndUnknownOnesAreInvalidArgument() {
    for (BucketCannedACL acl : List.of(BucketCannedACL.PRIVATE, BucketCannedACL.PUBLIC_READ,
        BucketCannedACL.PUBLIC_READ_WRITE, BucketCannedACL.AUTHENTICATED_READ)) {
      String bucket = "canned-" + acl.toString();
      s3.createBucket(b -> b.bucket(bucket).acl(acl));
      assertOwnerOnly(s3.getBucketAcl(b -> b.bucket(bucket)).owner(), s3.getBucketAcl(b -> b.bucket(bucket)).grants());
    }
    assertError(400, "InvalidArgument", () -> s3.createBucket(b -> b.bucket("canned-bad").acl("everyone")));
    assertError(404, "NoSuchBucket", () -> s3.headBucket(b -> b.bucket("canned-bad")));

    s3.createBucket(b -> b.bucket("canned-objects"));
    for (ObjectCannedACL acl : List.of(ObjectCannedACL.PRIVATE, ObjectCannedACL.PUBLIC_READ,
        ObjectCannedACL.PUBLIC_READ_WRITE, ObjectCannedACL.AUTHENTICATED_READ, ObjectCannedACL.AWS_EXEC_READ,
        ObjectCannedACL.BUCKET_OWNER_READ, ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL)) {
      s3.putObject(b -> b.bucket("canned-objects").key(acl.toString()).acl(acl), RequestBody.fromString("x"));
      GetObjectAclResponse got = s3.getObjectAcl(b -> b.bucket("canned-objects").key(acl.toString()));
      assertOwnerOnly(got.owner(), got.grants());
    }
    assertError(400, "InvalidArgument", () -> s3.putObject(b -> b.bucket("canned-objects").key("bad").acl("nope"),
        RequestBody.fromString("x")));
    assertError(400, "InvalidArgument", () -> s3.putObject(
        b -> b.bucket("canned-objects").key("bad").acl("log-delivery-write"), RequestBody.fromString("x")));
    assertError(400, "InvalidArgument", () -> s3.createMultipartUpload(
        b -> b.bucket("canned-objects").key("bad").acl("nope")));
    assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket("canned-objects").key("bad")));
    String upload = s3.createMultipartUpload(b -> b.bucket("canned-objects").key("mp").acl(ObjectCannedACL.PRIVATE))
        .uploadId();
    s3.abortMultipartUpload(b -> b.bucket("canned-objects").key("mp").uploadId(upload));
  }

  @Test
  void grantHeadersOnlyAsTheOwnersFullControl() {
    s3.createBucket(b -> b.bucket("grants").grantFullControl("id=" + OWNER_ID));
    String key = "granted";
    s3.putObject(b -> b.bucket("grants").key(key).grantFullControl("id=\"" + OWNER_ID + "\""),
        RequestBody.fromString("x"));
    assertError(501, "NotImplemented", () -> s3.putObject(
        b -> b.bucket("grants").key("public").grantRead("uri=\"" + ALL_USERS + "\""), RequestBody.fromString("x")));
    assertError(501, "NotImplemented", () -> s3.putObject(
        b -> b.bucket("grants").key("shared").grantRead("id=\"" + OTHER_ID + "\""), RequestBody.fromString("x")));
    assertError(400, "InvalidArgument", () -> s3.putObject(
        b -> b.bucket("grants").key("nobody").grantRead("id=\"_foo\""), RequestBody.fromString("x")));
    assertError(400, "UnresolvableGrantByEmailAddress", () -> s3.putObject(
        b -> b.bucket("grants").key("mail").grantRead("emailAddress=\"someone@example.com\""),
        RequestBody.fromString("x")));
    assertError(400, "InvalidRequest", () -> s3.putObject(b -> b.bucket("grants").key("both")
        .acl(ObjectCannedACL.PRIVATE).grantFullControl("id=" + OWNER_ID), RequestBody.fromString("x")));
    assertError(501, "NotImplemented", () -> s3.createBucket(
        b -> b.bucket("grants-public").grantRead("uri=\"" + ALL_USERS + "\"")));
    assertError(404, "NoSuchBucket", () -> s3.headBucket(b -> b.bucket("grants-public")));
    for (String k : List.of("public", "shared", "nobody", "mail", "both")) {
      assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket("grants").key(k)));
    }
  }

  @Test
  void getAndPutAclsOfBucketsAndObjects() {
    s3.createBucket(b -> b.bucket("acls"));
    s3.putObject(b -> b.bucket("acls").key("a/b c"), RequestBody.fromString("x"));
    GetBucketAclResponse bucketAcl = s3.getBucketAcl(b -> b.bucket("acls"));
    assertOwnerOnly(bucketAcl.owner(), bucketAcl.grants());
    GetObjectAclResponse objectAcl = s3.getObjectAcl(b -> b.bucket("acls").key("a/b c"));
    assertOwnerOnly(objectAcl.owner(), objectAcl.grants());
    assertThrows(NoSuchKeyException.class, () -> s3.getObjectAcl(b -> b.bucket("acls").key("missing")));
    assertThrows(NoSuchKeyException.class,
        () -> s3.putObjectAcl(b -> b.bucket("acls").key("missing").acl(ObjectCannedACL.PRIVATE)));

    s3.putBucketAcl(b -> b.bucket("acls").acl(BucketCannedACL.PUBLIC_READ));
    s3.putObjectAcl(b -> b.bucket("acls").key("a/b c").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL));
    s3.putBucketAcl(b -> b.bucket("acls").grantFullControl("id=" + OWNER_ID));
    AccessControlPolicy same = AccessControlPolicy.builder().owner(bucketAcl.owner()).grants(bucketAcl.grants()).build();
    s3.putBucketAcl(b -> b.bucket("acls").accessControlPolicy(same));
    s3.putObjectAcl(b -> b.bucket("acls").key("a/b c").accessControlPolicy(same));

    AccessControlPolicy publicRead = withGrant(same, Grantee.builder().type(Type.GROUP).uri(ALL_USERS).build());
    assertError(501, "NotImplemented", () -> s3.putBucketAcl(b -> b.bucket("acls").accessControlPolicy(publicRead)));
    assertError(501, "NotImplemented",
        () -> s3.putObjectAcl(b -> b.bucket("acls").key("a/b c").accessControlPolicy(publicRead)));
    AccessControlPolicy unknownUser = withGrant(same, Grantee.builder().type(Type.CANONICAL_USER).id("_foo").build());
    assertError(400, "InvalidArgument", () -> s3.putBucketAcl(b -> b.bucket("acls").accessControlPolicy(unknownUser)));
    AccessControlPolicy giveAway = same.toBuilder().owner(Owner.builder().id(OTHER_ID).build()).build();
    assertError(403, "AccessDenied", () -> s3.putBucketAcl(b -> b.bucket("acls").accessControlPolicy(giveAway)));
    assertError(400, "InvalidArgument", () -> s3.putBucketAcl(b -> b.bucket("acls").acl("everyone")));
    assertError(400, "MissingSecurityHeader", () -> s3.putBucketAcl(b -> b.bucket("acls")));
    assertError(400, "UnexpectedContent",
        () -> s3.putBucketAcl(b -> b.bucket("acls").acl(BucketCannedACL.PRIVATE).accessControlPolicy(same)));
    bucketAcl = s3.getBucketAcl(b -> b.bucket("acls"));
    assertOwnerOnly(bucketAcl.owner(), bucketAcl.grants());
  }

  static AccessControlPolicy withGrant(AccessControlPolicy policy, Grantee grantee) {
    List<Grant> grants = new java.util.ArrayList<>(policy.grants());
    grants.add(Grant.builder().grantee(grantee).permission(Permission.READ).build());
    return policy.toBuilder().grants(grants).build();
  }

  static void assertOwnerOnly(Owner owner, List<Grant> grants) {
    assertEquals(OWNER_ID, owner.id());
    assertEquals(StampConfig.DEFAULT_ACCESS_KEY, owner.displayName());
    assertThat(grants).hasSize(1);
    Grant g = grants.get(0);
    assertEquals(Type.CANONICAL_USER, g.grantee().type());
    assertEquals(OWNER_ID, g.grantee().id());
    assertEquals(StampConfig.DEFAULT_ACCESS_KEY, g.grantee().displayName());
    assertEquals(Permission.FULL_CONTROL, g.permission());
  }
}

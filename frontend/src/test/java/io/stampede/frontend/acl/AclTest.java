package io.stampede.frontend.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stampede.frontend.auth.Owner;
import io.stampede.frontend.auth.User;
import io.stampede.frontend.auth.Users;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.xml.SafeXml;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class AclTest {
  static final User ALICE = User.of("alice", "a-secret", "Alice");
  static final User BOB = User.of("bob", "b-secret");
  static final Users USERS = Users.of(List.of(ALICE, BOB));
  static final Owner OWNER = ALICE.owner();
  static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

  static MultiMap headers(String... kv) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < kv.length; i += 2) {
      m.add(kv[i], kv[i + 1]);
    }
    return m;
  }

  static Optional<CannedAcl> check(AclResource r, String... kv) {
    return AclHeaders.check(headers(kv), r, OWNER, USERS);
  }

  static void assertError(S3Error expected, Runnable r) {
    S3Exception e = assertThrows(S3Exception.class, r::run);
    assertEquals(expected, e.error(), e.getMessage());
  }

  @Test
  void cannedAclsAreAcceptedOthersAreInvalidArgument() {
    for (String v : List.of("private", "public-read", "public-read-write", "authenticated-read", "aws-exec-read",
        "bucket-owner-read", "bucket-owner-full-control")) {
      assertThat(check(AclResource.OBJECT, "x-amz-acl", v)).map(CannedAcl::value).contains(v);
      assertThat(check(AclResource.BUCKET, "x-amz-acl", v)).map(CannedAcl::value).contains(v);
    }
    assertThat(check(AclResource.BUCKET, "x-amz-acl", "log-delivery-write")).contains(CannedAcl.LOG_DELIVERY_WRITE);
    assertError(S3Error.INVALID_ARGUMENT, () -> check(AclResource.OBJECT, "x-amz-acl", "log-delivery-write"));
    assertError(S3Error.INVALID_ARGUMENT, () -> check(AclResource.OBJECT, "x-amz-acl", "Private"));
    assertError(S3Error.INVALID_ARGUMENT, () -> check(AclResource.BUCKET, "x-amz-acl", "everyone"));
    assertThat(check(AclResource.OBJECT, "x-amz-acl", "")).isEmpty();
    assertThat(check(AclResource.OBJECT)).isEmpty();
  }

  @Test
  void headerGrantsOnlyAsTheOwnersFullControl() {
    String ownerId = "id=\"" + OWNER.id() + "\"";
    assertThat(check(AclResource.OBJECT, "x-amz-grant-full-control", ownerId)).isEmpty();
    assertThat(check(AclResource.BUCKET, "x-amz-grant-full-control", "id=" + OWNER.id(),
        "x-amz-grant-read", ownerId)).isEmpty();
    assertError(S3Error.INVALID_REQUEST,
        () -> check(AclResource.OBJECT, "x-amz-acl", "private", "x-amz-grant-full-control", ownerId));
    assertError(S3Error.NOT_IMPLEMENTED, () -> check(AclResource.OBJECT, "x-amz-grant-read", ownerId));
    assertError(S3Error.NOT_IMPLEMENTED, () -> check(AclResource.OBJECT,
        "x-amz-grant-full-control", ownerId + ", id=\"" + BOB.canonicalId() + "\""));
    assertError(S3Error.NOT_IMPLEMENTED, () -> check(AclResource.BUCKET, "x-amz-grant-full-control", ownerId,
        "x-amz-grant-read", "uri=\"" + ALL_USERS + "\""));
    assertError(S3Error.INVALID_ARGUMENT, () -> check(AclResource.OBJECT, "x-amz-grant-read", "id=\"_foo\""));
    assertError(S3Error.INVALID_ARGUMENT, () -> check(AclResource.OBJECT, "x-amz-grant-read", "uri=\"http://x/y\""));
    assertError(S3Error.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS,
        () -> check(AclResource.OBJECT, "x-amz-grant-read", "emailAddress=\"a@example.com\""));
    assertError(S3Error.INVALID_ARGUMENT, () -> check(AclResource.OBJECT, "x-amz-grant-read", "nonsense"));
    assertError(S3Error.INVALID_ARGUMENT, () -> check(AclResource.OBJECT, "x-amz-grant-read", "color=\"red\""));
    assertError(S3Error.INVALID_ARGUMENT, () -> check(AclResource.OBJECT, "x-amz-grant-read", "id="));
    // A 400 for one grantee wins over a 501 for another.
    assertError(S3Error.INVALID_ARGUMENT, () -> check(AclResource.OBJECT,
        "x-amz-grant-read", "uri=\"" + ALL_USERS + "\", id=\"nobody\""));
  }

  @Test
  void rendersTheOwnersFullControl() {
    String xml = AccessControlPolicy.render(OWNER);
    Element root = SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8), 10_000).getDocumentElement();
    assertEquals("AccessControlPolicy", SafeXml.localName(root));
    assertEquals(OWNER.id(), SafeXml.childText(SafeXml.children(root, "Owner").get(0), "ID"));
    assertEquals("Alice", SafeXml.childText(SafeXml.children(root, "Owner").get(0), "DisplayName"));
    assertThat(xml).contains("<Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        + "xsi:type=\"CanonicalUser\"><ID>" + OWNER.id() + "</ID><DisplayName>Alice</DisplayName></Grantee>"
        + "<Permission>FULL_CONTROL</Permission>");
    List<Grant> grants = AccessControlPolicy.parse(xml.getBytes(StandardCharsets.UTF_8), OWNER, USERS);
    assertThat(grants).containsExactly(new Grant(Grant.GranteeType.CANONICAL_USER, OWNER.id(), Permission.FULL_CONTROL));
  }

  static String policy(String ownerId, String grants) {
    return "<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        + (ownerId == null ? "" : "<Owner><ID>" + ownerId + "</ID></Owner>")
        + "<AccessControlList>" + grants + "</AccessControlList></AccessControlPolicy>";
  }

  static String grant(String type, String element, String value, String permission) {
    return "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"" + type + "\"><"
        + element + ">" + value + "</" + element + "></Grantee><Permission>" + permission + "</Permission></Grant>";
  }

  static void put(String doc) {
    AclGrants.requireOwnerFullControl(
        AccessControlPolicy.parse(doc.getBytes(StandardCharsets.UTF_8), OWNER, USERS), OWNER, USERS);
  }

  @Test
  void policyBodiesAreParsedAndChecked() {
    String ownerFull = grant("CanonicalUser", "ID", OWNER.id(), "FULL_CONTROL");
    put(policy(OWNER.id(), ownerFull));
    put(policy(null, ownerFull));
    put(policy(null, "<Grant><Grantee><ID>" + OWNER.id() + "</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>"));
    assertError(S3Error.NOT_IMPLEMENTED, () -> put(policy(OWNER.id(), "")));
    assertError(S3Error.NOT_IMPLEMENTED, () -> put(policy(OWNER.id(), grant("CanonicalUser", "ID", OWNER.id(), "READ"))));
    assertError(S3Error.NOT_IMPLEMENTED, () -> put(policy(OWNER.id(),
        ownerFull + grant("CanonicalUser", "ID", BOB.canonicalId(), "READ"))));
    assertError(S3Error.NOT_IMPLEMENTED, () -> put(policy(OWNER.id(), ownerFull + grant("Group", "URI", ALL_USERS, "READ"))));
    assertError(S3Error.INVALID_ARGUMENT, () -> put(policy(OWNER.id(), ownerFull + grant("CanonicalUser", "ID", "_foo",
        "FULL_CONTROL"))));
    assertError(S3Error.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS, () -> put(policy(OWNER.id(),
        grant("AmazonCustomerByEmail", "EmailAddress", "a@example.com", "READ"))));
    assertError(S3Error.ACCESS_DENIED, () -> put(policy(BOB.canonicalId(), ownerFull)));
    assertError(S3Error.INVALID_ARGUMENT, () -> put(policy("_foo", ownerFull)));
    assertError(S3Error.MALFORMED_ACL_ERROR, () -> put(policy(OWNER.id(), grant("CanonicalUser", "ID", OWNER.id(), "ALL"))));
    assertError(S3Error.MALFORMED_ACL_ERROR, () -> put(policy(OWNER.id(), grant("Robot", "ID", OWNER.id(), "READ"))));
    assertError(S3Error.MALFORMED_ACL_ERROR, () -> put(policy(OWNER.id(), grant("Group", "ID", OWNER.id(), "READ"))));
    assertError(S3Error.MALFORMED_ACL_ERROR, () -> put(policy(OWNER.id(), "text")));
    assertError(S3Error.MALFORMED_ACL_ERROR, () -> put("<AccessControlPolicy><Owner/></AccessControlPolicy>"));
    assertError(S3Error.MALFORMED_ACL_ERROR, () -> put("<Policy/>"));
    assertError(S3Error.MALFORMED_ACL_ERROR, () -> put("not xml"));
    assertError(S3Error.MALFORMED_ACL_ERROR, () -> put(policy(OWNER.id(), ownerFull.repeat(101))));
  }
}

package io.stampede.frontend.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.StampId;
import io.stampede.frontend.auth.Authentication;
import io.stampede.frontend.auth.PayloadMode;
import io.stampede.frontend.auth.User;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.stampede.location.api.BucketLocation;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListRenderingTest {
  static S3Request request(MultiMap params) {
    S3Request r = new S3Request(null, "id", "bkt", null, params,
        new Authentication(User.of("owner", "secret"), PayloadMode.UNSIGNED, Optional.empty(), Optional.empty()));
    r.location(new BucketLocation("bkt", StampId.of("s"), "owner", 0, "us-east-1", ""), User.of("owner", "secret").owner());
    return r;
  }

  static ObjectInfo obj(String key) {
    return new ObjectInfo("bkt", key, 5, "abc", 1_700_000_000_000L, "text/plain", Map.of(), Map.of());
  }

  @Test
  void v2UrlEncodesKeysPrefixesAndDelimiter() {
    MultiMap params = MultiMap.caseInsensitiveMultiMap().add("list-type", "2").add("encoding-type", "url")
        .add("prefix", "a b/").add("delimiter", "/").add("start-after", "a b/0").add("max-keys", "2");
    ListingParams p = ListingParams.parse(params);
    ListPage page = new ListPage(List.of(obj("a b/x+y&z<\u00e9")), List.of("a b/sub dir/"), true, "");
    String xml = ListObjectsV2Handler.render(request(params), p, null, "a b/0", page);
    assertTrue(xml.contains("<Key>a%20b/x%2By%26z%3C%C3%A9</Key>"), xml);
    assertTrue(xml.contains("<CommonPrefixes><Prefix>a%20b/sub%20dir/</Prefix></CommonPrefixes>"), xml);
    assertTrue(xml.contains("<Prefix>a%20b/</Prefix>"), xml);
    assertTrue(xml.contains("<Delimiter>/</Delimiter>"), xml);
    assertTrue(xml.contains("<StartAfter>a%20b/0</StartAfter>"), xml);
    assertTrue(xml.contains("<EncodingType>url</EncodingType>"), xml);
    assertTrue(xml.contains("<KeyCount>2</KeyCount>"), xml);
    assertTrue(xml.contains("<IsTruncated>true</IsTruncated>"), xml);
    assertFalse(xml.contains("<Owner>"), "owner only with fetch-owner");
    String token = ListObjectsV2Handler.encodeToken("a b/x+y&z<\u00e9");
    assertTrue(xml.contains("<NextContinuationToken>" + token + "</NextContinuationToken>"), xml);
    assertEquals("a b/x+y&z<\u00e9", ListObjectsV2Handler.decodeToken(token));
  }

  @Test
  void v2PlainEscapesXmlAndFetchesOwner() {
    MultiMap params = MultiMap.caseInsensitiveMultiMap().add("fetch-owner", "true");
    String xml = ListObjectsV2Handler.render(request(params), ListingParams.parse(params), "tok", "",
        new ListPage(List.of(obj("x<&y")), List.of(), false, ""));
    assertTrue(xml.contains("<Key>x&lt;&amp;y</Key>"), xml);
    assertTrue(xml.contains("<Owner><ID>" + User.canonicalIdOf("owner") + "</ID><DisplayName>owner</DisplayName></Owner>"), xml);
    assertTrue(xml.contains("<ContinuationToken>tok</ContinuationToken>"), xml);
    assertTrue(xml.contains("<ETag>&quot;abc&quot;</ETag>"), xml);
    assertTrue(xml.contains("<LastModified>2023-11-14T22:13:20.000Z</LastModified>"), xml);
    assertFalse(xml.contains("NextContinuationToken"));
  }

  @Test
  void v1NextMarkerOnlyWithDelimiterAndTruncation() {
    MultiMap withDelimiter = MultiMap.caseInsensitiveMultiMap().add("delimiter", "/").add("marker", "m");
    ListPage page = new ListPage(List.of(obj("a")), List.of("b/"), true, "");
    String xml = ListObjectsHandler.render(request(withDelimiter), ListingParams.parse(withDelimiter), "m", page);
    assertTrue(xml.contains("<NextMarker>b/</NextMarker>"), xml);
    assertTrue(xml.contains("<Marker>m</Marker>"), xml);
    MultiMap none = MultiMap.caseInsensitiveMultiMap();
    assertFalse(ListObjectsHandler.render(request(none), ListingParams.parse(none), "", page).contains("NextMarker"));
  }

  @Test
  void maxKeysAndEncodingTypeValidation() {
    assertEquals(1000, ListingParams.maxKeys(null));
    assertEquals(1000, ListingParams.maxKeys("5000"));
    assertEquals(0, ListingParams.maxKeys("0"));
    for (String bad : new String[] {"-1", "x", "1.5", "99999999999999999999"}) {
      S3Exception e = assertThrows(S3Exception.class, () -> ListingParams.maxKeys(bad));
      assertEquals(S3Error.INVALID_ARGUMENT, e.error());
    }
    MultiMap badEncoding = MultiMap.caseInsensitiveMultiMap().add("encoding-type", "base64");
    assertEquals(S3Error.INVALID_ARGUMENT,
        assertThrows(S3Exception.class, () -> ListingParams.parse(badEncoding)).error());
    assertEquals(S3Error.INVALID_ARGUMENT,
        assertThrows(S3Exception.class, () -> ListObjectsV2Handler.decodeToken("***")).error());
  }
}

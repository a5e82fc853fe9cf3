package io.stampede.frontend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.checksum.StoredChecksum;
import io.stampede.frontend.auth.Owner;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionIdsTest {
  static final String V1 = "0123456789abcdefghijklmnopqrstuv";
  static final String V2 = "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv";

  static ObjectInfo version(String key, String id, boolean latest) {
    return new ObjectInfo("bkt", key, 3, "abc", 1_700_000_000_000L, "text/plain", Map.of(), Map.of(), id, false,
        Optional.of(StoredChecksum.fullObject(ChecksumAlgorithm.CRC32, new byte[4])), Map.of(), 0, latest);
  }

  static ObjectInfo marker(String key, String id, boolean latest) {
    return ObjectInfo.deleteMarker("bkt", key, id, 1_700_000_001_000L).withLatest(latest);
  }

  @Test
  void wellFormedIdsAreNullOrOurs() {
    VersionIds.check("null");
    VersionIds.check(V1);
    for (String bad : List.of("", "NULL", "invalid-version-id", V1.toUpperCase(), V1 + "0", V1.substring(1) + "w")) {
      assertThatThrownBy(() -> VersionIds.check(bad)).isInstanceOfSatisfying(S3Exception.class,
          e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_ARGUMENT));
    }
  }

  @Test
  void deleteMarkerErrorsCarryTheirHeaders() {
    S3Exception current = VersionIds.deleteMarker(marker("k", V1, true), false);
    assertThat(current.error()).isEqualTo(S3Error.NO_SUCH_KEY);
    assertThat(current.headers()).containsOnly(Map.entry("x-amz-delete-marker", "true"),
        Map.entry("x-amz-version-id", V1));
    S3Exception named = VersionIds.deleteMarker(marker("k", V1, false), true);
    assertThat(named.error()).isEqualTo(S3Error.METHOD_NOT_ALLOWED);
    assertThat(named.error().status()).isEqualTo(405);
    assertThat(named.headers()).containsOnly(Map.entry("x-amz-delete-marker", "true"),
        Map.entry("x-amz-version-id", V1), Map.entry("Last-Modified", "Tue, 14 Nov 2023 22:13:21 GMT"));
  }

  @Test
  void versionsListInterleavedWithNextMarkers() {
    MultiMap params = MultiMap.caseInsensitiveMultiMap().add("max-keys", "4").add("delimiter", "/");
    ListPage page = new ListPage(List.of(marker("a", V2, true), version("a", V1, false), version("b", "null", true)),
        List.of("a/"), true, "");
    String xml = ListObjectVersionsHandler.render("bkt", new Owner("owner", "Owner Name"), ListingParams.parse(params), "", "", page);
    assertThat(xml).contains("<Name>bkt</Name><Prefix></Prefix><KeyMarker></KeyMarker><VersionIdMarker>"
        + "</VersionIdMarker><NextKeyMarker>b</NextKeyMarker><NextVersionIdMarker>null</NextVersionIdMarker>"
        + "<MaxKeys>4</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>"
        + "<DeleteMarker><Key>a</Key><VersionId>" + V2 + "</VersionId><IsLatest>true</IsLatest>"
        + "<LastModified>2023-11-14T22:13:21.000Z</LastModified>"
        + "<Owner><ID>owner</ID><DisplayName>Owner Name</DisplayName></Owner></DeleteMarker>"
        + "<Version><Key>a</Key><VersionId>" + V1 + "</VersionId><IsLatest>false</IsLatest>"
        + "<LastModified>2023-11-14T22:13:20.000Z</LastModified><ETag>&quot;abc&quot;</ETag><Size>3</Size>"
        + "<StorageClass>STANDARD</StorageClass><ChecksumAlgorithm>CRC32</ChecksumAlgorithm>"
        + "<ChecksumType>FULL_OBJECT</ChecksumType>"
        + "<Owner><ID>owner</ID><DisplayName>Owner Name</DisplayName></Owner></Version>"
        + "<Version><Key>b</Key><VersionId>null</VersionId><IsLatest>true</IsLatest>");
    assertThat(xml).endsWith("<CommonPrefixes><Prefix>a/</Prefix></CommonPrefixes></ListVersionsResult>");
  }

  @Test
  void truncatedAtACommonPrefixNamesOnlyTheKeyMarker() {
    MultiMap params = MultiMap.caseInsensitiveMultiMap().add("delimiter", "/").add("encoding-type", "url");
    ListPage page = new ListPage(List.of(version("a b", V1, true)), List.of("c d/"), true, "");
    String xml = ListObjectVersionsHandler.render("bkt", new Owner("owner", "Owner Name"), ListingParams.parse(params), "a", V2, page);
    assertThat(xml).contains("<KeyMarker>a</KeyMarker><VersionIdMarker>" + V2 + "</VersionIdMarker>"
        + "<NextKeyMarker>c%20d/</NextKeyMarker><MaxKeys>1000</MaxKeys>");
    assertThat(xml).doesNotContain("NextVersionIdMarker").contains("<Key>a%20b</Key>")
        .contains("<EncodingType>url</EncodingType>");
  }
}

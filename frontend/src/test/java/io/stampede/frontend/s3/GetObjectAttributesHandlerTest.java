package io.stampede.frontend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.checksum.ChecksumType;
import io.stampede.common.checksum.StoredChecksum;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.s3.GetObjectAttributesHandler.Attribute;
import io.stampede.frontend.s3.GetObjectAttributesHandler.PartsPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GetObjectAttributesHandlerTest {
  static final Set<Attribute> ALL = EnumSet.allOf(Attribute.class);
  static final StoredChecksum COMPOSITE =
      new StoredChecksum(ChecksumAlgorithm.CRC32C, ChecksumType.COMPOSITE, "AQIDBA==-3");

  static ObjectInfo info(Optional<StoredChecksum> checksum, int partsCount) {
    return new ObjectInfo("b", "k", 30, partsCount > 0 ? "abc-" + partsCount : "abc", 0L, "text/plain", Map.of(),
        Map.of(), "v1", false, checksum, Map.of(), partsCount, true);
  }

  static List<ObjectPart> parts(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> new ObjectPart(i, 10, "e" + i, 0L, "AAAAAA==")).toList();
  }

  @Test
  void attributeNamesAreCommaSeparatedPossiblyRepeatedAndExact() {
    assertThat(GetObjectAttributesHandler.attributes(List.of("ETag, ObjectSize", "Checksum")))
        .containsExactlyInAnyOrder(Attribute.ETAG, Attribute.OBJECT_SIZE, Attribute.CHECKSUM);
    assertThat(GetObjectAttributesHandler.attributes(List.of("ObjectParts,StorageClass,")))
        .containsExactlyInAnyOrder(Attribute.OBJECT_PARTS, Attribute.STORAGE_CLASS);
    assertError(S3Error.INVALID_REQUEST, List.of());
    assertError(S3Error.INVALID_REQUEST, List.of(" , "));
    assertError(S3Error.INVALID_ARGUMENT, List.of("ETag,Size"));
    assertError(S3Error.INVALID_ARGUMENT, List.of("etag"));
  }

  private static void assertError(S3Error error, List<String> header) {
    assertThatThrownBy(() -> GetObjectAttributesHandler.attributes(header))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(error));
  }

  @Test
  void singlePartObjectShowsUnquotedEtagFullChecksumAndNoParts() {
    StoredChecksum full = StoredChecksum.fullObject(ChecksumAlgorithm.CRC64NVME, new byte[8]);
    String xml = GetObjectAttributesHandler.render(info(Optional.of(full), 0), ALL, List.of(), new PartsPage(0, 1000));
    assertThat(xml).contains("<GetObjectAttributesResponse xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
        .contains("<ETag>abc</ETag>")
        .contains("<Checksum><ChecksumCRC64NVME>AAAAAAAAAAA=</ChecksumCRC64NVME>"
            + "<ChecksumType>FULL_OBJECT</ChecksumType></Checksum>")
        .contains("<StorageClass>STANDARD</StorageClass>")
        .contains("<ObjectSize>30</ObjectSize>")
        .doesNotContain("ObjectParts");
  }

  @Test
  void onlyTheAskedAttributesAppear() {
    String xml = GetObjectAttributesHandler.render(info(Optional.of(COMPOSITE), 3), EnumSet.of(Attribute.OBJECT_SIZE),
        parts(3), new PartsPage(0, 1000));
    assertThat(xml).contains("<ObjectSize>30</ObjectSize>")
        .doesNotContain("ETag").doesNotContain("Checksum").doesNotContain("ObjectParts").doesNotContain("StorageClass");
  }

  @Test
  void compositeObjectShowsTheDigestWithoutPartCountAndListsParts() {
    String xml = GetObjectAttributesHandler.render(info(Optional.of(COMPOSITE), 3), ALL, parts(3),
        new PartsPage(0, 1000));
    assertThat(xml).contains("<ChecksumCRC32C>AQIDBA==</ChecksumCRC32C><ChecksumType>COMPOSITE</ChecksumType>")
        .contains("<ETag>abc-3</ETag>")
        .contains("<ObjectParts><PartNumberMarker>0</PartNumberMarker><NextPartNumberMarker>3</NextPartNumberMarker>"
            + "<MaxParts>1000</MaxParts><IsTruncated>false</IsTruncated>"
            + "<Part><PartNumber>1</PartNumber><Size>10</Size><ChecksumCRC32C>AAAAAA==</ChecksumCRC32C></Part>")
        .contains("<PartsCount>3</PartsCount></ObjectParts>");
  }

  @Test
  void partsArePaginatedByMarkerAndMax() {
    ObjectInfo info = info(Optional.of(COMPOSITE), 5);
    String first = GetObjectAttributesHandler.render(info, EnumSet.of(Attribute.OBJECT_PARTS), parts(5),
        new PartsPage(0, 2));
    assertThat(first).contains("<NextPartNumberMarker>2</NextPartNumberMarker>")
        .contains("<IsTruncated>true</IsTruncated>")
        .contains("<PartNumber>1</PartNumber>").contains("<PartNumber>2</PartNumber>")
        .doesNotContain("<PartNumber>3</PartNumber>");
    String last = GetObjectAttributesHandler.render(info, EnumSet.of(Attribute.OBJECT_PARTS), parts(5),
        new PartsPage(4, 2));
    assertThat(last).contains("<PartNumberMarker>4</PartNumberMarker>")
        .contains("<NextPartNumberMarker>5</NextPartNumberMarker>")
        .contains("<IsTruncated>false</IsTruncated>")
        .contains("<PartNumber>5</PartNumber>").doesNotContain("<PartNumber>4</PartNumber>");
  }

  @Test
  void fullObjectMultipartShowsOnlyThePartCount() {
    StoredChecksum full = StoredChecksum.fullObject(ChecksumAlgorithm.CRC32, new byte[4]);
    String xml = GetObjectAttributesHandler.render(info(Optional.of(full), 4), ALL, List.of(), new PartsPage(0, 1000));
    assertThat(xml).contains("<ObjectParts><PartsCount>4</PartsCount></ObjectParts>")
        .contains("<ChecksumCRC32>AAAAAA==</ChecksumCRC32><ChecksumType>FULL_OBJECT</ChecksumType>");
    assertThat(GetObjectAttributesHandler.listsParts(info(Optional.of(full), 4))).isFalse();
    assertThat(GetObjectAttributesHandler.listsParts(info(Optional.empty(), 4))).isFalse();
    assertThat(GetObjectAttributesHandler.listsParts(info(Optional.of(COMPOSITE), 3))).isTrue();
  }

  @Test
  void objectWithoutChecksumHasNoChecksumElement() {
    String xml = GetObjectAttributesHandler.render(info(Optional.empty(), 0), ALL, List.of(), new PartsPage(0, 1000));
    assertThat(xml).doesNotContain("Checksum").contains("<ETag>abc</ETag>");
  }
}

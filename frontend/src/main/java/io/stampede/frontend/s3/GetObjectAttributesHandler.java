package io.stampede.frontend.s3;

import io.stampede.common.checksum.ChecksumType;
import io.stampede.common.checksum.StoredChecksum;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.http.HttpDates;
import io.stampede.frontend.xml.XmlWriter;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.ObjectRef;
import io.vertx.core.Future;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * GetObjectAttributes: {@code GET /bucket/key?attributes[&versionId=V]} with
 * {@code x-amz-object-attributes} naming any of ETag, Checksum, ObjectParts, StorageClass and
 * ObjectSize. As S3 answers it: the ETag unquoted; a composite checksum without its "-N"; and
 * ObjectParts only for a multipart object, listing its parts (paginated by
 * {@code x-amz-max-parts} and {@code x-amz-part-number-marker}, like ListParts) only when its
 * checksum is COMPOSITE, otherwise just the part count.
 */
public final class GetObjectAttributesHandler implements S3Handler {
  static final String ATTRIBUTES_HEADER = "x-amz-object-attributes";

  /** The attributes a client may ask for, by their exact S3 names. */
  enum Attribute {
    ETAG("ETag"), CHECKSUM("Checksum"), OBJECT_PARTS("ObjectParts"), STORAGE_CLASS("StorageClass"),
    OBJECT_SIZE("ObjectSize");

    final String wireName;

    Attribute(String wireName) {
      this.wireName = wireName;
    }
  }

  /** One page of a composite object's parts. */
  record PartsPage(int marker, int maxParts) {}

  private final S3Services services;

  public GetObjectAttributesHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "GetObjectAttributes";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    Set<Attribute> wanted;
    PartsPage page;
    try {
      wanted = attributes(request.http().headers().getAll(ATTRIBUTES_HEADER));
      page = new PartsPage(
          ListPartsHandler.bounded(request.header("x-amz-part-number-marker"), 0, "part-number-marker"),
          ListPartsHandler.bounded(request.header("x-amz-max-parts"), ListPartsHandler.MAX_PARTS, "max-parts"));
    } catch (S3Exception e) {
      return Future.failedFuture(e);
    }
    String versionId = request.param("versionId");
    ObjectRef ref = ObjectRef.version(request.bucket(), request.key(), versionId == null ? "" : versionId);
    return services.partitions().headObject(ref).compose(info -> {
      if (info.deleteMarker()) {
        return Future.failedFuture(versionId == null
            ? S3Error.NO_SUCH_KEY.exception()
            : S3Error.METHOD_NOT_ALLOWED.exception("The specified method is not allowed against a delete marker."));
      }
      Future<List<ObjectPart>> parts = wanted.contains(Attribute.OBJECT_PARTS) && listsParts(info)
          ? services.partitions().objectParts(ObjectRef.version(info.bucket(), info.key(), info.versionId()))
          : Future.succeededFuture(List.of());
      return parts.compose(list -> {
        request.response().putHeader("Last-Modified", HttpDates.rfc1123(info.lastModifiedMs()));
        if (!info.versionId().equals(ObjectInfo.NULL_VERSION)) {
          request.response().putHeader("x-amz-version-id", info.versionId());
        }
        return request.sendXml(200, render(info, wanted, list, page));
      });
    });
  }

  /**
   * The attributes named by the header's values (comma-separated, possibly repeated).
   * InvalidRequest if none is named, InvalidArgument for a name S3 does not know.
   */
  static Set<Attribute> attributes(List<String> headerValues) {
    Set<Attribute> wanted = EnumSet.noneOf(Attribute.class);
    for (String value : headerValues) {
      for (String name : value.split(",")) {
        String n = name.trim();
        if (!n.isEmpty()) {
          wanted.add(attribute(n));
        }
      }
    }
    if (wanted.isEmpty()) {
      throw S3Error.INVALID_REQUEST.exception(
          "The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty");
    }
    return wanted;
  }

  private static Attribute attribute(String name) {
    for (Attribute a : Attribute.values()) {
      if (a.wireName.equals(name)) {
        return a;
      }
    }
    throw S3Error.INVALID_ARGUMENT.exception("Invalid attribute name specified.");
  }

  /** Whether S3 lists the parts of this version: a multipart object with a composite checksum. */
  static boolean listsParts(ObjectInfo info) {
    return info.partsCount() > 0 && info.checksum().map(c -> c.type() == ChecksumType.COMPOSITE).orElse(false);
  }

  static String render(ObjectInfo info, Set<Attribute> wanted, List<ObjectPart> parts, PartsPage page) {
    XmlWriter xml = XmlWriter.document("GetObjectAttributesResponse");
    if (wanted.contains(Attribute.ETAG)) {
      xml.element("ETag", info.etag());
    }
    Optional<StoredChecksum> checksum = info.checksum();
    if (wanted.contains(Attribute.CHECKSUM) && checksum.isPresent()) {
      StoredChecksum c = checksum.get();
      xml.start("Checksum")
          .element(MultipartChecksums.element(c.algorithm()), c.digestBase64())
          .element("ChecksumType", c.type().name())
          .end();
    }
    if (wanted.contains(Attribute.OBJECT_PARTS) && info.partsCount() > 0) {
      xml.start("ObjectParts");
      if (listsParts(info)) {
        writeParts(xml, checksum.get(), parts, page);
      }
      xml.element("PartsCount", info.partsCount()).end();
    }
    if (wanted.contains(Attribute.STORAGE_CLASS)) {
      xml.element("StorageClass", "STANDARD");
    }
    if (wanted.contains(Attribute.OBJECT_SIZE)) {
      xml.element("ObjectSize", info.size());
    }
    return xml.finish();
  }

  private static void writeParts(XmlWriter xml, StoredChecksum checksum, List<ObjectPart> parts, PartsPage page) {
    List<ObjectPart> after = parts.stream().filter(p -> p.partNumber() > page.marker()).toList();
    List<ObjectPart> shown = after.subList(0, Math.min(after.size(), page.maxParts()));
    xml.element("PartNumberMarker", page.marker())
        .element("NextPartNumberMarker", shown.isEmpty() ? 0 : shown.get(shown.size() - 1).partNumber())
        .element("MaxParts", page.maxParts())
        .element("IsTruncated", shown.size() < after.size());
    for (ObjectPart p : shown) {
      xml.start("Part").element("PartNumber", p.partNumber()).element("Size", p.size());
      MultipartChecksums.write(xml, checksum.algorithm(), p.checksum());
      xml.end();
    }
  }
}

package io.stampede.frontend.s3;

import io.stampede.common.key.IndexKey;
import io.stampede.frontend.acl.OwnerXml;
import io.stampede.frontend.auth.Owner;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.http.HttpDates;
import io.stampede.frontend.xml.XmlWriter;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.vertx.core.Future;
import java.util.List;

/**
 * ListObjectVersions: {@code GET /bucket?versions}. Every version and delete marker, keys in UTF-8
 * byte order and each key's versions newest first, as {@code Version} and {@code DeleteMarker}
 * entries in that one order, with prefix, delimiter (common prefixes), max-keys and
 * encoding-type=url as ListObjects has them. Pages continue after key-marker, or after the
 * version-id-marker version of that key; a truncated page names its last entry in
 * NextKeyMarker and NextVersionIdMarker (only NextKeyMarker when that is a common prefix).
 */
public final class ListObjectVersionsHandler implements S3Handler {
  private final S3Services services;

  public ListObjectVersionsHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "ListObjectVersions";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    ListingParams p = ListingParams.parse(request.params());
    String keyMarker = ListingParams.orEmpty(request.param("key-marker"));
    String versionIdMarker = ListingParams.orEmpty(request.param("version-id-marker"));
    if (!versionIdMarker.isEmpty()) {
      if (keyMarker.isEmpty()) {
        throw S3Error.INVALID_ARGUMENT.exception("A version-id marker cannot be specified without a key marker.");
      }
      VersionIds.check(versionIdMarker);
    }
    Future<ListPage> page = p.maxKeys() == 0
        ? Future.succeededFuture(new ListPage(List.of(), List.of(), false, ""))
        : services.partitions().listObjectVersions(new ListObjectsQuery(request.bucket(), p.prefix(),
            p.delimiter(), keyMarker, "", p.maxKeys(), versionIdMarker));
    return page.compose(result -> request.sendXml(200,
        render(request.bucket(), request.bucketOwner(), p, keyMarker, versionIdMarker, result)));
  }

  static String render(String bucket, Owner owner, ListingParams p, String keyMarker, String versionIdMarker,
      ListPage page) {
    XmlWriter xml = XmlWriter.document("ListVersionsResult")
        .element("Name", bucket)
        .element("Prefix", p.encode(p.prefix()))
        .element("KeyMarker", p.encode(keyMarker))
        .element("VersionIdMarker", versionIdMarker);
    if (page.truncated()) {
      writeNextMarkers(xml, p, page);
    }
    p.writeCommon(xml);
    xml.element("IsTruncated", page.truncated());
    for (ObjectInfo v : page.objects()) {
      writeEntry(xml, p, v, owner);
    }
    for (String prefix : page.commonPrefixes()) {
      xml.start("CommonPrefixes").element("Prefix", p.encode(prefix)).end();
    }
    return xml.finish();
  }

  private static void writeNextMarkers(XmlWriter xml, ListingParams p, ListPage page) {
    ObjectInfo lastVersion = page.objects().isEmpty() ? null : page.objects().get(page.objects().size() - 1);
    String lastPrefix = page.commonPrefixes().isEmpty() ? null
        : page.commonPrefixes().get(page.commonPrefixes().size() - 1);
    if (lastVersion != null && (lastPrefix == null || IndexKey.compare(lastVersion.key(), lastPrefix) > 0)) {
      xml.element("NextKeyMarker", p.encode(lastVersion.key()))
          .element("NextVersionIdMarker", lastVersion.versionId());
    } else if (lastPrefix != null) {
      xml.element("NextKeyMarker", p.encode(lastPrefix));
    }
  }

  private static void writeEntry(XmlWriter xml, ListingParams p, ObjectInfo v, Owner owner) {
    xml.start(v.deleteMarker() ? "DeleteMarker" : "Version")
        .element("Key", p.encode(v.key()))
        .element("VersionId", v.versionId())
        .element("IsLatest", v.latest())
        .element("LastModified", HttpDates.iso8601(v.lastModifiedMs()));
    if (!v.deleteMarker()) {
      xml.element("ETag", ObjectHeaders.quote(v.etag()))
          .element("Size", v.size())
          .element("StorageClass", "STANDARD");
      v.checksum().ifPresent(c -> xml.element("ChecksumAlgorithm", c.algorithm().name())
          .element("ChecksumType", c.type().name()));
    }
    OwnerXml.write(xml, "Owner", owner).end();
  }
}

package io.stampede.frontend.s3;

import io.stampede.common.key.IndexKey;
import io.stampede.frontend.acl.OwnerXml;
import io.stampede.frontend.auth.Owner;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.http.HttpDates;
import io.stampede.frontend.http.UriEncoding;
import io.stampede.frontend.xml.XmlWriter;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.vertx.core.MultiMap;

/** The parameters ListObjects and ListObjectsV2 share, and the XML parts they render alike. */
record ListingParams(String prefix, String delimiter, int maxKeys, boolean urlEncoded) {
  static final int MAX_KEYS = 1000;

  static ListingParams parse(MultiMap params) {
    String encoding = params.get("encoding-type");
    if (encoding != null && !encoding.equals("url")) {
      throw S3Error.INVALID_ARGUMENT.exception("Invalid Encoding Method specified in Request");
    }
    return new ListingParams(orEmpty(params.get("prefix")), orEmpty(params.get("delimiter")),
        maxKeys(params.get("max-keys")), encoding != null);
  }

  static int maxKeys(String value) {
    if (value == null) {
      return MAX_KEYS;
    }
    try {
      long n = Long.parseLong(value.trim());
      if (n >= 0) {
        return (int) Math.min(n, MAX_KEYS);
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw S3Error.INVALID_ARGUMENT.exception("Provided max-keys not an integer or within integer range");
  }

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** A key, prefix or marker as the response carries it. */
  String encode(String value) {
    return urlEncoded ? UriEncoding.encode(value, true) : value;
  }

  /** The elements both versions share after their own header fields. */
  void writeCommon(XmlWriter xml) {
    xml.element("MaxKeys", maxKeys);
    if (!delimiter.isEmpty()) {
      xml.element("Delimiter", encode(delimiter));
    }
    if (urlEncoded) {
      xml.element("EncodingType", "url");
    }
  }

  void writeEntries(XmlWriter xml, ListPage page, Owner owner, boolean withOwner) {
    for (ObjectInfo o : page.objects()) {
      xml.start("Contents")
          .element("Key", encode(o.key()))
          .element("LastModified", HttpDates.iso8601(o.lastModifiedMs()))
          .element("ETag", ObjectHeaders.quote(o.etag()))
          .element("Size", o.size());
      if (withOwner) {
        OwnerXml.write(xml, "Owner", owner);
      }
      xml.element("StorageClass", "STANDARD").end();
    }
    for (String p : page.commonPrefixes()) {
      xml.start("CommonPrefixes").element("Prefix", encode(p)).end();
    }
  }

  /** The greatest key or common prefix of a page (where the next page starts), or null. */
  static String last(ListPage page) {
    String last = page.objects().isEmpty() ? null : page.objects().get(page.objects().size() - 1).key();
    if (!page.commonPrefixes().isEmpty()) {
      String p = page.commonPrefixes().get(page.commonPrefixes().size() - 1);
      if (last == null || IndexKey.compare(p, last) > 0) {
        last = p;
      }
    }
    return last;
  }
}

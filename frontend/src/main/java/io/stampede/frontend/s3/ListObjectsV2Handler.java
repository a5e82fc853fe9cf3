package io.stampede.frontend.s3;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.xml.XmlWriter;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * ListObjectsV2: {@code GET /bucket?list-type=2}. The continuation token is opaque to clients:
 * the base64url of the last key or common prefix returned; it supersedes start-after.
 */
public final class ListObjectsV2Handler implements S3Handler {
  private final S3Services services;

  public ListObjectsV2Handler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "ListObjectsV2";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    ListingParams p = ListingParams.parse(request.params());
    String token = request.param("continuation-token");
    String startAfter = ListingParams.orEmpty(request.param("start-after"));
    String from = token != null ? decodeToken(token) : startAfter;
    Future<ListPage> page = p.maxKeys() == 0
        ? Future.succeededFuture(new ListPage(List.of(), List.of(), false, ""))
        : services.partitions().listObjects(
            new ListObjectsQuery(request.bucket(), p.prefix(), p.delimiter(), from, "", p.maxKeys()));
    return page.compose(result -> request.sendXml(200, render(request, p, token, startAfter, result)));
  }

  static String render(S3Request request, ListingParams p, String token, String startAfter, ListPage page) {
    boolean fetchOwner = "true".equalsIgnoreCase(request.param("fetch-owner"));
    XmlWriter xml = XmlWriter.document("ListBucketResult")
        .element("Name", request.bucket())
        .element("Prefix", p.encode(p.prefix()));
    if (!startAfter.isEmpty()) {
      xml.element("StartAfter", p.encode(startAfter));
    }
    if (token != null) {
      xml.element("ContinuationToken", token);
    }
    if (page.truncated()) {
      xml.element("NextContinuationToken", encodeToken(ListingParams.last(page)));
    }
    xml.element("KeyCount", page.objects().size() + page.commonPrefixes().size());
    p.writeCommon(xml);
    xml.element("IsTruncated", page.truncated());
    p.writeEntries(xml, page, request.bucketOwner(), fetchOwner);
    return xml.finish();
  }

  static String encodeToken(String last) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8));
  }

  static String decodeToken(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw S3Error.INVALID_ARGUMENT.exception("The continuation token provided is incorrect");
    }
  }
}

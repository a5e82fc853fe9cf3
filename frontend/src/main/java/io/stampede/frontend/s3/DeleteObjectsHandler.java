package io.stampede.frontend.s3;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Errors;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.http.Preconditions;
import io.stampede.frontend.http.SmallBody;
import io.stampede.frontend.http.VerifyingBody;
import io.stampede.frontend.xml.SafeXml;
import io.stampede.frontend.xml.XmlWriter;
import io.stampede.partition.api.DeleteObjectRequest;
import io.stampede.partition.api.DeleteResult;
import io.stampede.partition.api.PartitionApi;
import io.stampede.partition.api.Versioning;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * DeleteObjects: {@code POST /bucket?delete} with a {@code <Delete>} document of up to 1000
 * {@code <Object>}s (Key, optional VersionId and ETag). As S3 requires, the body must carry an
 * integrity check (Content-MD5 or an {@code x-amz-checksum-*} header or trailer), verified like a
 * PutObject body. Keys are deleted at most {@link #DELETES_IN_FLIGHT_MAX} at a time; each gets a
 * {@code <Deleted>} or an {@code <Error>} entry, in request order; quiet mode lists only errors.
 */
public final class DeleteObjectsHandler implements S3Handler {
  static final int KEYS_MAX = 1000;
  static final int DELETES_IN_FLIGHT_MAX = 16;
  /** 1000 keys of 1024 bytes, escaped, with version ids and ETags, fit well. */
  static final int BODY_BYTES_MAX = 4 << 20;

  private final S3Services services;

  public DeleteObjectsHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "DeleteObjects";
  }

  /** One {@code <Object>} of the request; {@code versionId} and {@code etag} may be empty. */
  record Entry(String key, String versionId, String etag) {}

  /** What happened to one entry: the partition's result, or the S3 error. */
  record Outcome(Entry entry, DeleteResult result, S3Error error) {}

  record Request(List<Entry> entries, boolean quiet) {}

  @Override
  public Future<Void> handle(S3Request request) {
    requireIntegrityCheck(request.http().headers());
    long length = UploadBody.length(request);
    if (length > BODY_BYTES_MAX) {
      throw S3Error.MAX_MESSAGE_LENGTH_EXCEEDED.exception();
    }
    VerifyingBody body = UploadBody.open(request, services, operation(), length);
    request.continueIfExpected();
    return SmallBody.read(body, BODY_BYTES_MAX)
        .map(DeleteObjectsHandler::parse)
        .compose(delete -> deleteAll(request, delete.entries())
            .compose(outcomes -> request.sendXml(200, render(outcomes, delete.quiet()))));
  }

  private static void requireIntegrityCheck(MultiMap headers) {
    boolean checksum = false;
    for (ChecksumAlgorithm alg : ChecksumAlgorithm.values()) {
      checksum |= headers.contains(alg.header());
    }
    boolean trailer = headers.contains("x-amz-trailer");
    if (headers.contains("x-amz-sdk-checksum-algorithm") && !checksum && !trailer) {
      throw S3Error.INVALID_REQUEST.exception("x-amz-sdk-checksum-algorithm specified, but no corresponding"
          + " x-amz-checksum-* or x-amz-trailer headers were found.");
    }
    if (!checksum && !trailer && !headers.contains("Content-MD5")) {
      throw S3Error.INVALID_REQUEST.exception(
          "Missing required header for this request: Content-MD5 OR x-amz-checksum-*");
    }
  }

  static Request parse(Buffer body) {
    Element root = RequestXml.root(body, "Delete", BODY_BYTES_MAX);
    List<Entry> entries = new ArrayList<>();
    boolean quiet = false;
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element e)) {
        continue;
      }
      switch (SafeXml.localName(e)) {
        case "Object" -> entries.add(entry(e));
        case "Quiet" -> quiet = quiet(e.getTextContent());
        default -> throw S3Error.MALFORMED_XML.exception();
      }
      if (entries.size() > KEYS_MAX) {
        throw S3Error.MALFORMED_XML.exception();
      }
    }
    if (entries.isEmpty()) {
      throw S3Error.MALFORMED_XML.exception();
    }
    return new Request(entries, quiet);
  }

  private static Entry entry(Element object) {
    String key = SafeXml.childRawText(object, "Key");
    if (key == null || key.isEmpty()) {
      throw S3Error.MALFORMED_XML.exception();
    }
    String versionId = SafeXml.childText(object, "VersionId");
    String etag = SafeXml.childText(object, "ETag");
    return new Entry(key, versionId == null ? "" : versionId, etag == null ? "" : Preconditions.unquote(etag));
  }

  private static boolean quiet(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw S3Error.MALFORMED_XML.exception();
    };
  }

  /** Deletes every entry, {@link #DELETES_IN_FLIGHT_MAX} lanes each working through its share in turn. */
  private Future<List<Outcome>> deleteAll(S3Request request, List<Entry> entries) {
    Outcome[] outcomes = new Outcome[entries.size()];
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < Math.min(DELETES_IN_FLIGHT_MAX, entries.size()); lane++) {
      Future<Void> chain = Future.succeededFuture();
      for (int i = lane; i < entries.size(); i += DELETES_IN_FLIGHT_MAX) {
        int at = i;
        chain = chain.compose(v -> deleteOne(request, entries.get(at)).map(o -> {
          outcomes[at] = o;
          return null;
        }));
      }
      lanes.add(chain);
    }
    return Future.all(lanes).map(v -> List.of(outcomes));
  }

  /** Never fails: a failure becomes the entry's error. */
  private Future<Outcome> deleteOne(S3Request request, Entry entry) {
    if (entry.key().getBytes(StandardCharsets.UTF_8).length > PartitionApi.KEY_BYTES_MAX) {
      return Future.succeededFuture(new Outcome(entry, null, S3Error.KEY_TOO_LONG));
    }
    DeleteObjectRequest delete = new DeleteObjectRequest(request.bucket(), entry.key(), entry.versionId(),
        versioning(request), entry.etag().isEmpty() ? Optional.empty() : Optional.of(entry.etag()));
    Future<DeleteResult> deleted;
    try {
      deleted = services.partitions().deleteObject(delete);
    } catch (RuntimeException e) {
      deleted = Future.failedFuture(e);
    }
    return deleted.map(result -> new Outcome(entry, result, null))
        .otherwise(t -> new Outcome(entry, null, S3Errors.translate(t, entry.key()).error()));
  }

  /** The bucket's versioning state: the one seam for versioned deletes (not wired yet). */
  private static Versioning versioning(S3Request request) {
    return Versioning.UNVERSIONED;
  }

  static String render(List<Outcome> outcomes, boolean quiet) {
    XmlWriter xml = XmlWriter.document("DeleteResult");
    for (Outcome o : outcomes) {
      Entry e = o.entry();
      if (o.error() != null) {
        xml.start("Error").element("Key", e.key());
        if (!e.versionId().isEmpty()) {
          xml.element("VersionId", e.versionId());
        }
        xml.element("Code", o.error().code()).element("Message", o.error().message()).end();
      } else if (!quiet) {
        xml.start("Deleted").element("Key", e.key());
        if (!e.versionId().isEmpty()) {
          xml.element("VersionId", e.versionId());
        }
        if (o.result().deleteMarker()) {
          xml.element("DeleteMarker", true).element("DeleteMarkerVersionId", o.result().versionId());
        }
        xml.end();
      }
    }
    return xml.finish();
  }
}

package io.stampede.frontend.s3;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.frontend.auth.SigV4;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.http.SmallBody;
import io.stampede.frontend.xml.SafeXml;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Base64;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The small XML body of a configuration or batch request: read up to a bound, checked against
 * the signed payload hash and Content-MD5 when present, then parsed safely.
 */
final class RequestXml {
  private RequestXml() {}

  /**
   * The body, verified (decoded first when it comes aws-chunked, as SDKs send it with a trailing
   * checksum); fails MaxMessageLengthExceeded past {@code maxBytes}.
   */
  static Future<Buffer> read(S3Request request, int maxBytes) {
    request.continueIfExpected();
    if (request.auth() != null && request.auth().payloadMode().chunked()) {
      long length = UploadBody.length(request);
      if (length > maxBytes) {
        throw S3Error.MAX_MESSAGE_LENGTH_EXCEEDED.exception();
      }
      return SmallBody.read(UploadBody.open(request, length, n -> { }), maxBytes);
    }
    return SmallBody.read(request.http(), maxBytes).map(body -> {
      request.auth().payloadSha256().ifPresent(expected -> {
        if (!expected.equals(SigV4.hex(SigV4.sha256(body.getBytes())))) {
          throw S3Error.X_AMZ_CONTENT_SHA256_MISMATCH.exception();
        }
      });
      String md5 = request.header("Content-MD5");
      if (md5 != null) {
        byte[] actual = ChecksumAlgorithm.messageDigest("MD5").digest(body.getBytes());
        if (!md5.trim().equals(Base64.getEncoder().encodeToString(actual))) {
          throw S3Error.BAD_DIGEST.exception();
        }
      }
      return body;
    });
  }

  /** The root element of {@code body}, which must be named {@code root} (MalformedXML otherwise). */
  static Element root(Buffer body, String root, int maxBytes) {
    if (body.length() == 0) {
      throw S3Error.MALFORMED_XML.exception();
    }
    Element e = SafeXml.parse(body.getBytes(), maxBytes).getDocumentElement();
    if (!root.equals(SafeXml.localName(e))) {
      throw S3Error.MALFORMED_XML.exception();
    }
    return e;
  }

  /** The child elements of {@code parent} named {@code name}, in document order. */
  static List<Element> children(Element parent, String name) {
    return SafeXml.children(parent, name);
  }

}

package io.stampede.frontend.s3;

import io.stampede.frontend.error.S3Errors;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.error.S3FailureHandler;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer of a copy (CopyObject, UploadPartCopy), which may run for minutes. S3 answers a long
 * copy with 200 at once, then whitespace while it runs, then the result document, or an
 * {@code <Error>} document inside the 200 if the copy failed; the AWS SDKs, botocore and the Go
 * SDK look for that error in the body of these operations. We do the same, but only for a copy
 * still running after {@code copyKeepalive}: a copy done sooner, and every refusal (they all come
 * before copying starts), gets a plain answer with its real status, which every client
 * understands. Without bytes on the wire a long copy would run into clients' read timeouts (the
 * Java SDK's default is 30 s, botocore's 60 s) and be retried from the start, over and over.
 * Once committed, the XML declaration goes first and whitespace follows, so the body stays a
 * well-formed document; headers known only at the end (x-amz-version-id) are then not sent.
 */
public final class CopyAnswer {
  private static final Logger log = LoggerFactory.getLogger(CopyAnswer.class);
  private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

  /** A finished copy: response headers to add and the result document. */
  public record Result(Map<String, String> headers, String document) {}

  private final S3Services services;
  private final S3Request request;
  private final HttpServerResponse response;
  private boolean committed;

  private CopyAnswer(S3Services services, S3Request request) {
    this.services = services;
    this.request = request;
    this.response = request.response();
  }

  /** Answers {@code request} with the copy's outcome; the future fails only before anything was sent. */
  public static Future<Void> send(S3Services services, S3Request request, Future<Result> copy) {
    return new CopyAnswer(services, request).send(copy);
  }

  private Future<Void> send(Future<Result> copy) {
    long everyMs = services.config().copyKeepalive().toMillis();
    if (everyMs <= 0) {
      return copy.compose(this::plain);
    }
    Vertx vertx = services.vertx();
    Context context = vertx.getOrCreateContext();
    long timer = vertx.setPeriodic(everyMs, id -> keepalive());
    Promise<Void> answered = Promise.promise();
    copy.onComplete(ar -> context.runOnContext(v -> {
      vertx.cancelTimer(timer);
      finish(ar, answered);
    }));
    return answered.future();
  }

  private void keepalive() {
    if (response.ended() || response.closed()) {
      return;
    }
    if (!committed) {
      committed = true;
      response.setStatusCode(200).setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "application/xml");
      response.write(DECLARATION);
    }
    response.write(" ");
  }

  private void finish(AsyncResult<Result> ar, Promise<Void> answered) {
    if (!committed) {
      if (ar.succeeded()) {
        plain(ar.result()).onComplete(answered);
      } else {
        answered.fail(ar.cause());
      }
      return;
    }
    String resource = "/" + request.bucket() + "/" + request.key();
    String document;
    if (ar.succeeded()) {
      document = ar.result().document();
    } else {
      S3Exception e = S3Errors.translate(ar.cause(), resource);
      log.atLevel(e.error().status() >= 500 ? org.slf4j.event.Level.ERROR : org.slf4j.event.Level.DEBUG)
          .setCause(e.getCause())
          .log("{} {} copy to {} failed after 200 was sent: {}", services.config().node(), request.requestId(),
              resource, e);
      document = S3FailureHandler.render(e, resource, request.requestId());
    }
    if (response.ended() || response.closed()) {
      answered.complete();
      return;
    }
    response.end(withoutDeclaration(document)).onComplete(x -> answered.complete());
  }

  private Future<Void> plain(Result result) {
    result.headers().forEach(response::putHeader);
    return request.sendXml(200, result.document());
  }

  private static String withoutDeclaration(String document) {
    return document.startsWith("<?xml") ? document.substring(document.indexOf('>') + 1).stripLeading() : document;
  }
}

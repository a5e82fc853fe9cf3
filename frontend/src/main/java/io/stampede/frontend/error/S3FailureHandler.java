package io.stampede.frontend.error;

import io.stampede.frontend.http.RequestBodies;
import io.stampede.frontend.xml.XmlWriter;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every failure as the S3 error document ({@code <Error><Code/><Message/><Resource/>
 * <RequestId/></Error>}, no body for HEAD). 5xx is logged at ERROR with the stack (NotImplemented at INFO,
 * SlowDown at DEBUG), 4xx at DEBUG.
 * A matching CORS rule's Access-Control-* headers stay, so a browser page can read the error.
 * An unread request body is drained (bounded) so the connection stays usable, or the connection
 * is closed when the client still waits for {@code 100 Continue}.
 */
public final class S3FailureHandler implements Handler<RoutingContext> {
  public static final String REQUEST_ID = "stampede.requestId";
  public static final String RESOURCE = "stampede.resource";
  public static final String CONTINUE_SENT = "stampede.continueSent";
  private static final Logger log = LoggerFactory.getLogger(S3FailureHandler.class);
  private static final long MAX_DRAIN_BYTES = 8L << 20;

  private final String component;

  public S3FailureHandler(String component) {
    this.component = component;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String requestId = ctx.get(REQUEST_ID, "");
    String resource = ctx.get(RESOURCE, "/");
    S3Exception e = ctx.failure() != null
        ? S3Errors.translate(ctx.failure(), resource)
        : fromStatus(ctx.statusCode());
    S3Error error = e.error();
    if (error == S3Error.NOT_IMPLEMENTED) {
      // A feature we lack, not a fault: no stack trace.
      log.info("{} {} {} {} -> NotImplemented: {}", component, requestId, ctx.request().method(), resource,
          e.getMessage());
    } else if (error == S3Error.SLOW_DOWN) {
      // Flow control a hammering client asks for, thousands a second: not a fault, no stack trace.
      log.debug("{} {} {} {} -> SlowDown: {}", component, requestId, ctx.request().method(), resource, e.getMessage());
    } else if (error.status() >= 500) {
      log.error("{} {} {} {} failed: {}", component, requestId, ctx.request().method(), resource, e.getMessage(), e);
    } else {
      log.debug("{} {} {} {} -> {} {}", component, requestId, ctx.request().method(), resource, error.code(),
          e.getMessage());
    }
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (response.headWritten()) {
      response.reset();
      return;
    }
    String idHeader = response.headers().get("x-amz-request-id");
    String id2 = response.headers().get("x-amz-id-2");
    String date = response.headers().get(HttpHeaders.DATE);
    MultiMap cors = MultiMap.caseInsensitiveMultiMap();
    response.headers().forEach((name, value) -> {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.startsWith("access-control-") || n.equals("vary")) {
        cors.add(name, value);
      }
    });
    response.headers().clear().addAll(cors);
    response.putHeader("x-amz-request-id", idHeader == null ? requestId : idHeader);
    if (id2 != null) {
      response.putHeader("x-amz-id-2", id2);
    }
    if (date != null) {
      response.putHeader(HttpHeaders.DATE, date);
    }
    e.headers().forEach(response::putHeader);
    boolean close = drain(ctx.request(), Boolean.TRUE.equals(ctx.get(CONTINUE_SENT)));
    if (close) {
      response.putHeader(HttpHeaders.CONNECTION, "close");
    }
    response.setStatusCode(error.status());
    var end = ctx.request().method() == HttpMethod.HEAD
        ? response.putHeader(HttpHeaders.CONTENT_LENGTH, "0").end()
        : response.putHeader(HttpHeaders.CONTENT_TYPE, "application/xml").end(render(e, resource, requestId));
    if (close) {
      end.onComplete(v -> ctx.request().connection().close());
    }
  }

  /** The error document. */
  public static String render(S3Exception e, String resource, String requestId) {
    return XmlWriter.plainDocument("Error")
        .element("Code", e.error().code())
        .element("Message", e.getMessage())
        .element("Resource", resource)
        .element("RequestId", requestId)
        .finish();
  }

  private static S3Exception fromStatus(int status) {
    return switch (status) {
      case 405 -> S3Error.METHOD_NOT_ALLOWED.exception();
      case 404 -> S3Error.NO_SUCH_KEY.exception();
      case 413 -> S3Error.ENTITY_TOO_LARGE.exception();
      default -> status >= 400 && status < 500 ? S3Error.INVALID_REQUEST.exception() : S3Error.INTERNAL_ERROR.exception();
    };
  }

  /** Discards the rest of the body; true when the connection must be closed instead. */
  private static boolean drain(HttpServerRequest request, boolean continueSent) {
    if (!RequestBodies.unread(request)) {
      RequestBodies.discard(request, MAX_DRAIN_BYTES);
      return false;
    }
    if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT)) && !continueSent) {
      return true;
    }
    RequestBodies.discard(request, MAX_DRAIN_BYTES);
    return false;
  }
}

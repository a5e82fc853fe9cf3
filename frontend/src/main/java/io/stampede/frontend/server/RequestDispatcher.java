package io.stampede.frontend.server;

import io.micrometer.core.instrument.Timer;
import io.stampede.frontend.auth.Authentication;
import io.stampede.frontend.auth.SigV4Authenticator;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.error.S3FailureHandler;
import io.stampede.frontend.http.HttpDates;
import io.stampede.frontend.http.RequestBodies;
import io.stampede.frontend.http.UriEncoding;
import io.stampede.frontend.s3.BucketRegistry;
import io.stampede.frontend.s3.S3Handler;
import io.stampede.frontend.s3.S3Request;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one request through the front end: request id, addressing, operation choice,
 * authentication, the bucket check, then the operation's handler. The body stays paused until
 * a handler reads it. Every failure goes to the {@link S3FailureHandler}.
 */
final class RequestDispatcher implements Handler<RoutingContext> {
  private static final String UNKNOWN = "Unknown";
  /** A request body no operation reads (say, a GET with a body) is discarded up to this much. */
  private static final long MAX_UNREAD_BODY_BYTES = 1L << 20;

  private final Vertx vertx;
  private final FrontendConfig config;
  private final SigV4Authenticator authenticator;
  private final OperationTable operations;
  private final BucketRegistry buckets;
  private final FrontendMetrics metrics;
  private final RequestIds ids;
  private final Clock clock;
  private final AtomicInteger inFlight = new AtomicInteger();

  RequestDispatcher(
      Vertx vertx, FrontendConfig config, SigV4Authenticator authenticator, OperationTable operations,
      BucketRegistry buckets, FrontendMetrics metrics, RequestIds ids, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.authenticator = authenticator;
    this.operations = operations;
    this.buckets = buckets;
    this.metrics = metrics;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest http = ctx.request();
    http.pause();
    String requestId = ids.next();
    ctx.put(S3FailureHandler.REQUEST_ID, requestId);
    // Date, from our clock, is how SDKs measure and correct their skew after RequestTimeTooSkewed.
    http.response().putHeader("x-amz-request-id", requestId).putHeader("x-amz-id-2", ids.hostId(requestId))
        .putHeader("Date", HttpDates.rfc1123(clock.millis())).putHeader("Server", "Stampede");
    String[] operation = {UNKNOWN};
    Timer.Sample sample = metrics.start();
    long timer = vertx.setTimer(Math.max(1, config.requestTimeout().toMillis()), t -> timeout(ctx));
    boolean admitted = inFlight.incrementAndGet() <= config.requestsInFlightMax();
    ctx.addEndHandler(ar -> {
      inFlight.decrementAndGet();
      vertx.cancelTimer(timer);
      metrics.request(sample, operation[0], http.response().getStatusCode());
    });
    if (!admitted) {
      // over the cap: refused before anything is read or done, so the client may simply retry
      metrics.refusedInFlight();
      fail(ctx, null, S3Error.SLOW_DOWN.exception());
      return;
    }
    S3Request request = null;
    try {
      MultiMap headers = withHost(http);
      S3Address address = S3Address.parse(headers.get("Host"), http.path(), config.domains());
      ctx.put(S3FailureHandler.RESOURCE, address.resource());
      MultiMap params = UriEncoding.parseQuery(http.query());
      S3Handler handler = null;
      S3Exception unsupported = null;
      try {
        handler = operations.select(http.method(), address, params, http.headers());
        operation[0] = handler.operation();
      } catch (S3Exception e) {
        unsupported = e;
      }
      // Only a CORS preflight is served unsigned; it has no identity (its request's auth is null).
      Authentication auth = handler != null && !handler.authenticates()
          ? null
          : authenticator.authenticate(http.method().name(), http.path(), http.query(), headers);
      if (unsupported != null) {
        throw unsupported;
      }
      request = new S3Request(http, requestId, address.bucket(), address.key(), params, auth);
      S3Request r = request;
      S3Handler h = handler;
      Future<Void> done = h.checksBucket()
          ? buckets.check(address.bucket(), auth.accessKey()).compose(loc -> {
              r.location(loc, config.users().owner(loc.owner()));
              ActualRequestCors.apply(r);
              return run(h, r);
            })
          : run(h, r);
      done.onComplete(ar -> {
        if (ar.failed()) {
          fail(ctx, r, ar.cause());
        } else {
          RequestBodies.discard(http, MAX_UNREAD_BODY_BYTES);
        }
      });
    } catch (RuntimeException e) {
      fail(ctx, request, e);
    }
  }

  /** The request headers with Host; HTTP/2 and absolute-form requests carry it as the authority. */
  private static MultiMap withHost(HttpServerRequest http) {
    if (http.headers().contains("Host") || http.authority() == null) {
      return http.headers();
    }
    return MultiMap.caseInsensitiveMultiMap().addAll(http.headers()).add("Host", http.authority().toString());
  }

  private static Future<Void> run(S3Handler handler, S3Request request) {
    try {
      return handler.handle(request);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static void fail(RoutingContext ctx, S3Request request, Throwable t) {
    if (request != null) {
      ctx.put(S3FailureHandler.CONTINUE_SENT, request.continueSent());
    }
    if (!ctx.response().ended() && !ctx.failed()) {
      ctx.fail(t);
    }
  }

  /** The failure handler decides what can still be sent (nothing, a reset, or an error document). */
  private static void timeout(RoutingContext ctx) {
    S3Error error = RequestBodies.unread(ctx.request()) ? S3Error.REQUEST_TIMEOUT : S3Error.SERVICE_UNAVAILABLE;
    fail(ctx, null, error.exception());
  }
}

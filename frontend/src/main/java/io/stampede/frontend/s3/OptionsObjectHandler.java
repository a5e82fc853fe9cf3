package io.stampede.frontend.s3;

import io.stampede.frontend.bucket.CorsRules;
import io.stampede.frontend.bucket.CorsXml;
import io.stampede.frontend.error.S3Error;
import io.vertx.core.Future;
import java.util.List;

/**
 * OPTIONS object: a browser's CORS preflight on a bucket or object URL. Unauthenticated, as in
 * S3: it only reveals what the bucket's CORS rules already promise. 400 BadRequest without Origin
 * or a valid Access-Control-Request-Method; 403 AccessForbidden when the bucket has no CORS rules
 * or none allows the origin, method and requested headers; 200 with the rule's
 * Access-Control-* headers otherwise.
 */
public final class OptionsObjectHandler implements S3Handler {
  private final S3Services services;

  public OptionsObjectHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "OptionsObject";
  }

  @Override
  public boolean checksBucket() {
    return false;
  }

  @Override
  public boolean authenticates() {
    return false;
  }

  @Override
  public Future<Void> handle(S3Request request) {
    String origin = request.header("Origin");
    if (origin == null || origin.isEmpty()) {
      return Future.failedFuture(
          S3Error.BAD_REQUEST.exception("Insufficient information. Origin request header needed."));
    }
    String method = request.header("Access-Control-Request-Method");
    if (method == null || !CorsXml.METHODS.contains(method)) {
      return Future.failedFuture(S3Error.BAD_REQUEST.exception("Invalid Access-Control-Request-Method: " + method));
    }
    List<String> headers = CorsRules.requestedHeaders(request.header("Access-Control-Request-Headers"));
    return services.buckets().lookup(request.bucket()).compose(loc -> {
      var cors = loc.settings().cors();
      if (cors.isEmpty()) {
        return Future.failedFuture(
            S3Error.ACCESS_FORBIDDEN.exception("CORSResponse: CORS is not enabled for this bucket."));
      }
      var match = CorsRules.match(cors.get(), origin, method, headers);
      if (match.isEmpty()) {
        return Future.failedFuture(S3Error.ACCESS_FORBIDDEN.exception());
      }
      CorsRules.write(match.get(), headers, request.response().headers());
      return request.sendEmpty(200);
    });
  }
}

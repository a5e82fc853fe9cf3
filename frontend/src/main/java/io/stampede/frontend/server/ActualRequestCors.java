package io.stampede.frontend.server;

import io.stampede.frontend.bucket.CorsRules;
import io.stampede.frontend.s3.S3Request;
import java.util.List;

/**
 * CORS on requests other than preflights: a request with an Origin header to a bucket whose
 * rules allow that origin and the request's method gets the rule's Access-Control-* headers (they
 * stay on an error response too), so the browser lets the page read the answer.
 */
final class ActualRequestCors {
  private ActualRequestCors() {}

  static void apply(S3Request request) {
    String origin = request.header("Origin");
    if (origin == null || origin.isEmpty()) {
      return;
    }
    request.location().settings().cors()
        .flatMap(cors -> CorsRules.match(cors, origin, request.http().method().name(), List.of()))
        .ifPresent(match -> CorsRules.write(match, List.of(), request.response().headers()));
  }
}

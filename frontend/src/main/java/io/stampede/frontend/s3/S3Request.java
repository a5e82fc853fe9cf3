package io.stampede.frontend.s3;

import io.stampede.frontend.auth.Authentication;
import io.stampede.frontend.auth.Owner;
import io.stampede.frontend.auth.User;
import io.stampede.location.api.BucketLocation;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** One authenticated S3 request: its address, decoded query parameters, caller and response. */
public final class S3Request {
  private final HttpServerRequest http;
  private final String requestId;
  private final String bucket;
  private final String key;
  private final MultiMap params;
  private final Authentication auth;
  private BucketLocation location;
  private Owner bucketOwner;
  private boolean continueSent;

  public S3Request(
      HttpServerRequest http, String requestId, String bucket, String key, MultiMap params, Authentication auth) {
    this.http = http;
    this.requestId = requestId;
    this.bucket = bucket;
    this.key = key;
    this.params = params;
    this.auth = auth;
  }

  public HttpServerRequest http() {
    return http;
  }

  public HttpServerResponse response() {
    return http.response();
  }

  public String requestId() {
    return requestId;
  }

  /** The bucket, or null for service-level requests. */
  public String bucket() {
    return bucket;
  }

  /** The object key, or null for bucket-level requests. */
  public String key() {
    return key;
  }

  public MultiMap params() {
    return params;
  }

  public String param(String name) {
    return params.get(name);
  }

  public String header(String name) {
    return http.headers().get(name);
  }

  /** Who signed the request and how; null only for a handler that does not authenticate (the CORS preflight). */
  public Authentication auth() {
    return auth;
  }

  /** The caller's access key id, which owns what it creates (the location service stores it). */
  public String caller() {
    return auth.accessKey();
  }

  /** The signer of the request. */
  public User user() {
    return auth.user();
  }

  public BucketLocation location() {
    return location;
  }

  /** The owner of the bucket, as S3 shows it; set with the location. */
  public Owner bucketOwner() {
    return bucketOwner;
  }

  /** Set by the dispatcher once the bucket check passed. */
  public void location(BucketLocation location, Owner owner) {
    this.location = location;
    this.bucketOwner = owner;
  }

  /** Answers {@code Expect: 100-continue} once the request has been accepted. */
  public void continueIfExpected() {
    String expect = header("Expect");
    if (!continueSent && expect != null && expect.equalsIgnoreCase("100-continue")) {
      continueSent = true;
      response().writeContinue();
    }
  }

  public boolean continueSent() {
    return continueSent;
  }

  public Future<Void> sendXml(int status, String xml) {
    return response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/xml")
        .end(xml);
  }

  public Future<Void> sendEmpty(int status) {
    return response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_LENGTH, "0").end();
  }
}

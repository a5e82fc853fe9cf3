"""boto3 against a running stamp: presigned GET/PUT URLs used with plain urllib, and conditional
PutObject (If-None-Match / If-Match) for botocore versions whose PutObject lacks those parameters.

Usage: clients_boto3.py presigned|conditional ENDPOINT BUCKET
Credentials come from the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment.
Exits non-zero, naming what failed, on any mismatch.
"""
import hashlib
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import boto3
import botocore.config
import botocore.exceptions


class Mismatch(Exception):
    pass


def check(condition, what):
    if not condition:
        raise Mismatch(what)
    print("  ok: " + what)


def client(endpoint):
    return boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1",
        config=botocore.config.Config(signature_version="s3v4", s3={"addressing_style": "path"}))


def http(method, url, body=None, headers=None):
    """Sends one request with urllib; returns (status, body bytes) for 2xx and errors alike."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def with_changed_signature(url):
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    changed = [(k, ("1" if v[0] == "0" else "0") + v[1:] if k == "X-Amz-Signature" else v) for k, v in query]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(changed, quote_via=urllib.parse.quote)))


def presigned(s3, bucket):
    body = os.urandom(300 * 1024 + 7)
    key = "presigned/odd key+%&=?#ü😀.bin"

    # urllib sends Content-Type application/x-www-form-urlencoded with a body: it must be stored
    # as bytes, not parsed as a form.
    put_url = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=300)
    status, _ = http("PUT", put_url, body)
    check(status == 200, "presigned PUT answered 200 (got %d)" % status)
    stored = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    check(stored == body, "object written by presigned PUT reads back byte for byte")

    get_url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=300)
    status, got = http("GET", get_url)
    check(status == 200 and got == body, "presigned GET returns the object (status %d)" % status)

    status, got = http("GET", s3.generate_presigned_url(
        "get_object", Params={"Bucket": bucket, "Key": key, "ResponseContentType": "text/x-test"}, ExpiresIn=300))
    check(status == 200 and got == body, "presigned GET with response-content-type (status %d)" % status)

    missing = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "presigned/absent"})
    status, err = http("GET", missing)
    check(status == 404 and b"<Code>NoSuchKey</Code>" in err, "presigned GET of a missing key is 404 NoSuchKey")

    tampered = with_changed_signature(get_url)
    status, err = http("GET", tampered)
    check(status == 403 and b"<Code>SignatureDoesNotMatch</Code>" in err,
          "presigned GET with a changed signature is 403 SignatureDoesNotMatch (got %d)" % status)

    other_key = get_url.replace(urllib.parse.quote("odd key"), urllib.parse.quote("odd kez"))
    status, err = http("GET", other_key)
    check(status == 403 and b"<Code>SignatureDoesNotMatch</Code>" in err,
          "presigned GET URL reused for another key is 403 SignatureDoesNotMatch (got %d)" % status)

    short = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=1)
    short_put = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=1)
    time.sleep(2.5)
    status, err = http("GET", short)
    check(status == 403 and b"<Code>AccessDenied</Code>" in err and b"Request has expired" in err,
          "expired presigned GET is 403 AccessDenied 'Request has expired' (got %d)" % status)
    status, err = http("PUT", short_put, b"overwrite")
    check(status == 403 and b"<Code>AccessDenied</Code>" in err, "expired presigned PUT is 403 AccessDenied")
    stored = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    check(hashlib.md5(stored).digest() == hashlib.md5(body).digest(), "expired presigned PUT changed nothing")


def with_header(s3, name, value):
    """Adds a header to every request of s3 made until the returned function is called."""
    def add(request, **_):
        request.headers[name] = value
    s3.meta.events.register_first("before-sign.s3.PutObject", add)
    return lambda: s3.meta.events.unregister("before-sign.s3.PutObject", add)


def put_with(s3, bucket, key, body, header, value):
    remove = with_header(s3, header, value)
    try:
        return s3.put_object(Bucket=bucket, Key=key, Body=body)
    finally:
        remove()


def expect_error(code, what, fn):
    try:
        fn()
    except botocore.exceptions.ClientError as e:
        got = e.response["Error"]["Code"]
        check(got == code, "%s fails with %s (got %s)" % (what, code, got))
        return
    raise Mismatch(what + " succeeded but must fail with " + code)


def conditional(s3, bucket):
    key = "conditional/only-once"
    first = put_with(s3, bucket, key, b"first", "If-None-Match", "*")
    check(first["ETag"] != "", "PutObject If-None-Match: * creates an absent key")
    expect_error("PreconditionFailed", "a second PutObject If-None-Match: *",
                 lambda: put_with(s3, bucket, key, b"second", "If-None-Match", "*"))
    check(s3.get_object(Bucket=bucket, Key=key)["Body"].read() == b"first", "the refused put changed nothing")
    expect_error("PreconditionFailed", "PutObject If-Match with another ETag",
                 lambda: put_with(s3, bucket, key, b"third", "If-Match", '"0123456789abcdef0123456789abcdef"'))
    put_with(s3, bucket, key, b"fourth", "If-Match", first["ETag"])
    check(s3.get_object(Bucket=bucket, Key=key)["Body"].read() == b"fourth", "PutObject If-Match <current ETag> replaces")


def main(argv):
    if len(argv) != 4 or argv[1] not in ("presigned", "conditional"):
        print(__doc__, file=sys.stderr)
        return 2
    s3 = client(argv[2])
    bucket = argv[3]
    print("boto3 %s (botocore %s): %s" % (boto3.__version__, botocore.__version__, argv[1]))
    try:
        s3.create_bucket(Bucket=bucket)
        (presigned if argv[1] == "presigned" else conditional)(s3, bucket)
    except Mismatch as e:
        print("FAIL: " + str(e), file=sys.stderr)
        return 1
    except botocore.exceptions.ClientError as e:
        print("FAIL: unexpected S3 error %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

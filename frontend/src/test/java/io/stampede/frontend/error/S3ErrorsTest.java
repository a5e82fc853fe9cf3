package io.stampede.frontend.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.location.api.LocationErrorCode;
import io.stampede.location.api.LocationException;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3ErrorsTest {
  @Test
  void translatesEveryLowerLayerCode() {
    Map<PartitionErrorCode, S3Error> partition = Map.of(
        PartitionErrorCode.NO_SUCH_KEY, S3Error.NO_SUCH_KEY,
        PartitionErrorCode.INVALID_RANGE, S3Error.INVALID_RANGE,
        PartitionErrorCode.SLOW_DOWN, S3Error.SLOW_DOWN,
        PartitionErrorCode.UNAVAILABLE, S3Error.SERVICE_UNAVAILABLE,
        PartitionErrorCode.NOT_SERVING, S3Error.SERVICE_UNAVAILABLE,
        PartitionErrorCode.INCOMPLETE_BODY, S3Error.INCOMPLETE_BODY,
        PartitionErrorCode.BAD_REQUEST, S3Error.INVALID_ARGUMENT,
        PartitionErrorCode.INTERNAL, S3Error.INTERNAL_ERROR);
    partition.forEach((code, s3) ->
        assertEquals(s3, S3Errors.translate(new PartitionException(code, "x"), "/b/k").error(), code.name()));
    Map<LocationErrorCode, S3Error> location = Map.of(
        LocationErrorCode.NO_SUCH_BUCKET, S3Error.NO_SUCH_BUCKET,
        LocationErrorCode.BUCKET_ALREADY_EXISTS, S3Error.BUCKET_ALREADY_EXISTS,
        LocationErrorCode.BUCKET_ALREADY_OWNED_BY_YOU, S3Error.BUCKET_ALREADY_OWNED_BY_YOU,
        LocationErrorCode.ACCESS_DENIED, S3Error.ACCESS_DENIED,
        LocationErrorCode.NO_STAMP, S3Error.SERVICE_UNAVAILABLE,
        LocationErrorCode.UNAVAILABLE, S3Error.SERVICE_UNAVAILABLE,
        LocationErrorCode.INTERNAL, S3Error.INTERNAL_ERROR);
    location.forEach((code, s3) ->
        assertEquals(s3, S3Errors.translate(new LocationException(code, "x"), "/b").error(), code.name()));
    assertEquals(S3Error.INTERNAL_ERROR, S3Errors.translate(new IllegalStateException("bug"), "/").error());
  }

  @Test
  void statusesAndCodesAreAwsExact() {
    assertEquals(416, S3Error.INVALID_RANGE.status());
    assertEquals(411, S3Error.MISSING_CONTENT_LENGTH.status());
    assertEquals("KeyTooLongError", S3Error.KEY_TOO_LONG.code());
    assertEquals("XAmzContentSHA256Mismatch", S3Error.X_AMZ_CONTENT_SHA256_MISMATCH.code());
    assertEquals("IllegalLocationConstraintException", S3Error.ILLEGAL_LOCATION_CONSTRAINT.code());
    String xml = S3FailureHandler.render(S3Error.NO_SUCH_KEY.exception(), "/b/<k>", "RID");
    assertTrue(xml.endsWith("<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
        + "<Resource>/b/&lt;k&gt;</Resource><RequestId>RID</RequestId></Error>"), xml);
  }
}

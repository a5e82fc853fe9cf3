package io.stampede.partition.api.http;

import com.google.protobuf.InvalidProtocolBufferException;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.proto.partition.PutObjectMessage;
import java.util.Base64;

/**
 * The upload protocol of the partition layer's data plane, served on a partition server's gRPC
 * port: {@code POST /objects/put} (PutObject) or {@code POST /objects/part} (UploadPart), the
 * call's header (a {@link PutObjectMessage} holding the header or part header, base64) in
 * {@value #CALL_HEADER}, {@code Expect: 100-continue}, and the object's bytes as the body, as
 * they are, chunked (the body is whole only when its sender ends it). The server answers 100 Continue when the range starts reading the body; a refusal
 * before that (NOT_SERVING, SLOW_DOWN) comes as the final answer while the body is still unsent,
 * so the sender can go elsewhere with it. The answer: 200 and the ObjectInfoMsg or ObjectPartMsg,
 * or a failure's status with its {@link PartitionErrorCode} in {@value #ERROR_HEADER} and its
 * message as the body.
 */
public final class ObjectTransfer {
  public static final String PUT_PATH = "/objects/put";
  public static final String PART_PATH = "/objects/part";
  public static final String CALL_HEADER = "x-stampede-call";
  public static final String ERROR_HEADER = "x-stampede-partition-error";
  /** The largest call header taken, encoded (keys, metadata and tags are bounded well below). */
  public static final int CALL_HEADER_CHARS_MAX = 48 * 1024;
  /** The longest failure message read back. */
  static final int ERROR_BODY_BYTES_MAX = 16 * 1024;

  private ObjectTransfer() {}

  public static boolean isUploadPath(String path) {
    return PUT_PATH.equals(path) || PART_PATH.equals(path);
  }

  /** The call header as it travels. */
  public static String encode(PutObjectMessage header) {
    return Base64.getEncoder().encodeToString(header.toByteArray());
  }

  /** The call header of a request; BAD_REQUEST if it is missing, too long or not one. */
  public static PutObjectMessage decode(String value) {
    if (value == null || value.length() > CALL_HEADER_CHARS_MAX) {
      throw new PartitionException(PartitionErrorCode.BAD_REQUEST, "upload without a call header");
    }
    try {
      return PutObjectMessage.parseFrom(Base64.getDecoder().decode(value));
    } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
      throw new PartitionException(PartitionErrorCode.BAD_REQUEST, "bad upload call header: " + e.getMessage());
    }
  }

  /** The status a failure is answered with: 503 for one worth retrying, 400 for the rest. */
  public static int status(boolean retriable) {
    return retriable ? 503 : 400;
  }

  /**
   * The failure an answer stands for: the partition error code it names; a code of another layer
   * is UNAVAILABLE when its status says it is worth retrying, else INTERNAL.
   */
  public static PartitionException failure(int status, String code, String message) {
    return PartitionErrorCode.named(code).map(c -> new PartitionException(c, message))
        .orElseGet(() -> new PartitionException(
            status == 503 ? PartitionErrorCode.UNAVAILABLE : PartitionErrorCode.INTERNAL, code + ": " + message));
  }
}

package io.stampede.partition.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.proto.partition.PutObjectHeader;
import io.stampede.proto.partition.PutObjectMessage;
import org.junit.jupiter.api.Test;

class ObjectTransferTest {
  @Test
  void aCallHeaderTravelsWhole() {
    PutObjectMessage header = PutObjectMessage.newBuilder()
        .setHeader(PutObjectHeader.newBuilder().setBucket("b").setKey("k/é").setContentLength(7)).build();
    assertEquals(header, ObjectTransfer.decode(ObjectTransfer.encode(header)));
  }

  @Test
  void aMissingTooLongOrGarbledCallHeaderIsABadRequest() {
    for (String bad : new String[] {null, "not base64!", "AAAA////", "A".repeat(ObjectTransfer.CALL_HEADER_CHARS_MAX + 4)}) {
      assertEquals(PartitionErrorCode.BAD_REQUEST,
          assertThrows(PartitionException.class, () -> ObjectTransfer.decode(bad)).code(), String.valueOf(bad).length() + "");
    }
  }

  @Test
  void aFailureKeepsItsCodeAndAnotherLayersCodeKeepsWhetherToRetry() {
    assertEquals(PartitionErrorCode.NOT_SERVING, ObjectTransfer.failure(503, "NOT_SERVING", "m").code());
    assertEquals(PartitionErrorCode.PRECONDITION_FAILED, ObjectTransfer.failure(400, "PRECONDITION_FAILED", "m").code());
    assertEquals(PartitionErrorCode.UNAVAILABLE, ObjectTransfer.failure(503, "FENCED", "m").code());
    assertEquals(PartitionErrorCode.INTERNAL, ObjectTransfer.failure(400, null, "m").code());
    assertEquals(503, ObjectTransfer.status(true));
    assertEquals(400, ObjectTransfer.status(false));
  }

  @Test
  void onlyThePutAndPartPathsAreUploads() {
    assertTrue(ObjectTransfer.isUploadPath(ObjectTransfer.PUT_PATH));
    assertTrue(ObjectTransfer.isUploadPath(ObjectTransfer.PART_PATH));
    assertFalse(ObjectTransfer.isUploadPath("/objects/put/../x"));
    assertFalse(ObjectTransfer.isUploadPath("/stampede.partition.PartitionServerRpc/PutObject"));
  }
}

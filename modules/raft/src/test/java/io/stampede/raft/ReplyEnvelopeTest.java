package io.stampede.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplyEnvelopeTest {
  @Test
  void doneCarriesTheReplyUnchanged() {
    assertArrayEquals(new byte[] {7, 8}, ReplyEnvelope.open(ReplyEnvelope.done(new byte[] {7, 8}), "c"));
    assertArrayEquals(new byte[0], ReplyEnvelope.open(ReplyEnvelope.done(new byte[0]), "c"));
  }

  @Test
  void refusedBecomesARejectedCallWithItsReason() {
    RaftCallException e = assertThrows(RaftCallException.class,
        () -> ReplyEnvelope.open(ReplyEnvelope.refused("no such range"), "m1-client"));
    assertEquals(RaftCallException.Reason.REJECTED, e.reason());
    assertTrue(e.getMessage().contains("no such range"), e.getMessage());
  }

  @Test
  void garbageIsNotMistakenForAReply() {
    assertEquals(RaftCallException.Reason.UNAVAILABLE,
        assertThrows(RaftCallException.class, () -> ReplyEnvelope.open(new byte[0], "c")).reason());
    assertEquals(RaftCallException.Reason.UNAVAILABLE,
        assertThrows(RaftCallException.class, () -> ReplyEnvelope.open(new byte[] {9, 1}, "c")).reason());
  }
}

package io.stampede.raft;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How a state machine's answer travels back to a {@link ReplicatedClient}: one status byte
 * ({@code 0} = done, followed by the state's reply; {@code 1} = refused, followed by the UTF-8
 * reason). A refusal is an ordinary Raft reply, not a failed apply: Ratis treats a failed apply
 * as a broken state machine. Never stored: log entries and snapshots hold the domain's bytes only.
 */
final class ReplyEnvelope {
  static final byte DONE = 0;
  static final byte REFUSED = 1;

  private ReplyEnvelope() {}

  static byte[] done(byte[] reply) {
    byte[] out = new byte[reply.length + 1];
    out[0] = DONE;
    System.arraycopy(reply, 0, out, 1, reply.length);
    return out;
  }

  static byte[] refused(String reason) {
    byte[] text = String.valueOf(reason).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[text.length + 1];
    out[0] = REFUSED;
    System.arraycopy(text, 0, out, 1, text.length);
    return out;
  }

  /** The state's reply, or a {@link RaftCallException} (REJECTED) carrying the refusal's reason. */
  static byte[] open(byte[] envelope, String caller) {
    if (envelope.length == 0) {
      throw new RaftCallException(RaftCallException.Reason.UNAVAILABLE, caller + ": empty reply", null);
    }
    byte[] body = Arrays.copyOfRange(envelope, 1, envelope.length);
    return switch (envelope[0]) {
      case DONE -> body;
      case REFUSED -> throw new RaftCallException(RaftCallException.Reason.REJECTED,
          caller + ": refused: " + new String(body, StandardCharsets.UTF_8), null);
      default -> throw new RaftCallException(RaftCallException.Reason.UNAVAILABLE,
          caller + ": unknown reply status " + envelope[0], null);
    };
  }
}

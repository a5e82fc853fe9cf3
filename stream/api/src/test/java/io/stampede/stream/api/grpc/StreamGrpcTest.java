package io.stampede.stream.api.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.common.id.StreamId;
import io.stampede.common.net.Endpoint;
import io.stampede.common.rpc.RemoteException;
import io.stampede.common.rpc.RpcErrors;
import io.stampede.stream.api.AppendResult;
import io.stampede.stream.api.Block;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ReadResult;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.StreamInfo;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.GrpcStatus;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamGrpcTest {
  private static StreamErrorCode code(Throwable t) {
    return ((StreamException) StreamGrpc.failure(t)).code();
  }

  @Test
  void errorCodesSurviveTheWire() {
    for (StreamErrorCode c : StreamErrorCode.values()) {
      var status = RpcErrors.toStatus(new StreamException(c, "boom"));
      RemoteException remote = RpcErrors.fromStatus(status.status(), status.message());
      assertEquals(c, code(remote));
    }
    assertEquals(StreamErrorCode.UNAVAILABLE, code(new RemoteException(GrpcStatus.DEADLINE_EXCEEDED, "", "late")));
    assertEquals(StreamErrorCode.INTERNAL, code(new RemoteException(GrpcStatus.INTERNAL, "WHAT", "?")));
    assertEquals(StreamErrorCode.UNAVAILABLE, code(new ConnectException("refused")));
  }

  @Test
  void recordsRoundTripThroughProtobuf() {
    ExtentNodeInfo n = new ExtentNodeInfo(ExtentNodeId.of("n1"), RackId.of("r1"), Endpoint.of("127.0.0.2", 7001));
    ExtentInfo e = new ExtentInfo(ExtentId.of("e3"), List.of(n, n), true, 42);
    StreamInfo s = new StreamInfo(StreamId.of("p1-log"), 7, List.of(e));
    assertEquals(s, StreamGrpc.fromMsg(StreamGrpc.toMsg(s)));
    AppendResult a = new AppendResult(List.of(0L, 9L), 20);
    assertEquals(a, StreamGrpc.fromMsg(StreamGrpc.toMsg(a)));
    ReadResult r = new ReadResult(List.of(new Block(8, Buffer.buffer("abc"))), 19, 30);
    assertEquals(r, StreamGrpc.fromMsg(StreamGrpc.toMsg(r)));
  }
}

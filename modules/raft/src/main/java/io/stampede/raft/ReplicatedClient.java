package io.stampede.raft;

import io.stampede.common.id.ManagerPeerId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * Submits commands and linearizable queries to a replicated manager's Raft group, from any
 * thread, completing Vert.x futures on the caller's context. Never throws: failures are
 * {@link RaftCallException}s.
 *
 * <p>Calls go to the leader this client last heard of (the Ratis client keeps it and follows a
 * follower's "not leader, try X" answer at once), so after the first call, or a leader change,
 * requests reach the leader directly. Ratis' blocking API is used, on a small worker pool of this
 * client's own: unlike its asynchronous API it retries a follower's redirect quietly instead of
 * logging it at ERROR. A call retries for about {@link RaftGroupConfig#requestTimeout()} while the
 * group elects a leader.
 */
public final class ReplicatedClient {
  /** Calls in flight at once; more wait in line for a worker thread. */
  static final int CALLS_IN_FLIGHT_MAX = 8;
  private static final AtomicLong instances = new AtomicLong();

  private final Vertx vertx;
  private final String id;
  private final RaftClient client;
  private final WorkerExecutor workers;
  private final AtomicLong redirects = new AtomicLong();
  private volatile ManagerPeerId leaderHint;

  public ReplicatedClient(Vertx vertx, RaftGroupConfig config) {
    this.vertx = vertx;
    this.id = config.self() + "-client";
    this.client = RaftClient.newBuilder()
        .setProperties(RaftSettings.client(config))
        .setRaftGroup(RaftSettings.group(config))
        .setRetryPolicy(RaftSettings.retryPolicy(config))
        .build();
    this.workers = vertx.createSharedWorkerExecutor("raft-client-" + config.groupName() + "-" + config.self()
        + "-" + instances.incrementAndGet(), CALLS_IN_FLIGHT_MAX, config.requestTimeout().toMillis() * 3,
        TimeUnit.MILLISECONDS);
  }

  /** Replicates {@code command}; completes with the state's reply once a majority committed and the leader applied it. */
  public Future<byte[]> submit(byte[] command) {
    return call(() -> client.io().send(Message.valueOf(UnsafeByteOperations.unsafeWrap(command))));
  }

  /** Answers {@code query} on the leader after it confirmed its leadership (ReadIndex): sees every committed command. */
  public Future<byte[]> query(byte[] query) {
    return call(() -> client.io().sendReadOnly(Message.valueOf(UnsafeByteOperations.unsafeWrap(query))));
  }

  /** The peer that answered the last successful call (the leader then), if any call succeeded yet. */
  public Optional<ManagerPeerId> leaderHint() {
    return Optional.ofNullable(leaderHint);
  }

  /** How many successful calls were answered by another peer than the one tried first (after a leader change). */
  public long redirects() {
    return redirects.get();
  }

  private Future<byte[]> call(Callable<RaftClientReply> send) {
    return workers.<byte[]>executeBlocking(() -> {
      RaftPeerId tried = client.getLeaderId();
      RaftClientReply reply = send.call();
      if (!reply.isSuccess()) {
        throw new IOException(String.valueOf(reply.getException()));
      }
      RaftPeerId answered = reply.getServerId();
      if (!answered.equals(tried)) {
        redirects.incrementAndGet();
      }
      leaderHint = ManagerPeerId.of(answered.toString());
      return ReplyEnvelope.open(reply.getMessage().getContent().toByteArray(), id);
    }, false).recover(t -> Future.failedFuture(translate(t)));
  }

  private RaftCallException translate(Throwable t) {
    if (t instanceof RaftCallException e) {
      return e;
    }
    if (t instanceof StateMachineException) {
      return new RaftCallException(RaftCallException.Reason.REJECTED, id + ": refused: " + t.getMessage(), t);
    }
    return new RaftCallException(RaftCallException.Reason.UNAVAILABLE, id + ": " + t, t);
  }

  /** Fails calls in flight, then releases the worker pool. */
  public Future<Void> close() {
    return vertx.<Void>executeBlocking(() -> {
      client.close();
      return null;
    }, false).eventually(workers::close);
  }
}

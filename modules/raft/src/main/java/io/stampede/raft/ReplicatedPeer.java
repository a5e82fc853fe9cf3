package io.stampede.raft;

import io.stampede.common.id.ManagerPeerId;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer of a replicated manager: a Ratis server whose state machine adapts {@code S}, and a
 * {@link ReplicatedClient} the manager submits through (from this peer, so a follower forwards
 * to the leader). Starting and closing Ratis block, so they run on worker threads; closing is
 * abandoned after {@link RaftGroupConfig#closeTimeout()}. Leader changes reach the handler on the
 * Vert.x context that called {@link #start()}, in order.
 *
 * <pre>{@code
 * ReplicatedPeer<StreamCatalog> peer = new ReplicatedPeer<>(vertx, raftConfig, new StreamCatalog());
 * peer.leaderChangeHandler(c -> { if (c.selfLeads()) startRepairs(); else stopRepairs(); });
 * peer.start().compose(v -> peer.client().submit(command.toByteArray()));
 * }</pre>
 */
public final class ReplicatedPeer<S extends ReplicatedState> {
  private static final Logger log = LoggerFactory.getLogger(ReplicatedPeer.class);

  private final Vertx vertx;
  private final RaftGroupConfig config;
  private final RaftGroupId groupId;
  private final S state;
  private final ReplicatedStateMachine stateMachine;
  private volatile Handler<LeaderChange> leaderChangeHandler = c -> { };
  private volatile Context context;
  private volatile boolean stopped;
  private RaftServer server;
  private ReplicatedClient client;

  public ReplicatedPeer(Vertx vertx, RaftGroupConfig config, S state) {
    this.vertx = vertx;
    this.config = config;
    this.groupId = RaftGroupId.valueOf(config.groupUuid());
    this.state = state;
    this.stateMachine = new ReplicatedStateMachine(config.self(), state, this::dispatch);
  }

  public ManagerPeerId id() {
    return config.self();
  }

  public RaftGroupConfig config() {
    return config;
  }

  /** Receives every leader change this peer sees (set it before {@link #start()}). */
  public void leaderChangeHandler(Handler<LeaderChange> handler) {
    this.leaderChangeHandler = handler;
  }

  /** Starts the Raft server (recovering its snapshot and log) and the client; the group elects a leader on its own. */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    stopped = false;
    log.info("{} starting Raft peer of {} ({}): {}", config.self(), config.groupName(), config.groupUuid(), config);
    return vertx.<Void>executeBlocking(() -> {
      RaftServer s = RaftServer.newBuilder()
          .setServerId(RaftSettings.peerId(config))
          .setStateMachine(stateMachine)
          .setProperties(RaftSettings.server(config))
          .setGroup(RaftSettings.group(config))
          .setOption(RaftStorage.StartupOption.RECOVER)
          .build();
      s.start();
      server = s;
      return null;
    }, false).map(v -> {
      client = new ReplicatedClient(vertx, config);
      return null;
    });
  }

  /** The client submitting commands and queries to the group (valid after {@link #start()}). */
  public ReplicatedClient client() {
    return client;
  }

  /** Reads the local state under the state machine's lock: may lag the leader; use {@link ReplicatedClient#query} to be current. */
  public <T> T read(Function<? super S, T> reader) {
    return stateMachine.read(() -> reader.apply(state));
  }

  /** Whether this peer leads the group now. */
  public boolean isLeader() {
    return division().map(DivisionInfo::isLeader).orElse(false);
  }

  /** The leader this peer knows of, if any. */
  public Optional<ManagerPeerId> leader() {
    return division().map(DivisionInfo::getLeaderId).map(RaftPeerId::toString).map(ManagerPeerId::of);
  }

  private Optional<DivisionInfo> division() {
    RaftServer s = server;
    if (s == null || stopped) {
      return Optional.empty();
    }
    try {
      return Optional.of(s.getDivision(groupId).getInfo());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void dispatch(LeaderChange change) {
    Context c = context;
    if (c != null && !stopped) {
      c.runOnContext(v -> {
        if (!stopped) {
          log.info("{} sees leader {}", config.self(), change.leader().map(ManagerPeerId::toString).orElse("(none)"));
          leaderChangeHandler.handle(change);
        }
      });
    }
  }

  /** Closes the client, then the Raft server (taking a last snapshot), giving up after the close timeout. */
  public Future<Void> stop() {
    stopped = true;
    Future<Void> clientClosed = client == null ? Future.succeededFuture() : client.close();
    return clientClosed.eventually(() -> vertx.<Void>executeBlocking(() -> {
      closeServer();
      return null;
    }, false)).onComplete(ar -> log.info("{} Raft peer stopped", config.self()));
  }

  private void closeServer() throws InterruptedException, ExecutionException {
    RaftServer s = server;
    server = null;
    if (s == null) {
      return;
    }
    try {
      CompletableFuture.runAsync(() -> {
        try {
          s.close();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).get(config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("{} Raft server did not close within {}", config.self(), config.closeTimeout());
    }
  }
}

package io.stampede.location.dns;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsResponse;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordDecoder;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.handler.codec.dns.TcpDnsQueryDecoder;
import io.netty.handler.codec.dns.TcpDnsResponseEncoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.stampede.common.net.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link DnsZone} over UDP and TCP on one address and port, with Netty's DNS codec on
 * Vert.x's event loops. Answers for names in the zone are authoritative. A query that is not one
 * standard question gets FORMERR or NOTIMP, a failure to answer SERVFAIL; an undecodable UDP
 * datagram is dropped (there is no id to answer). TCP connections are bounded in number, closed
 * when idle and when the server stops.
 */
public final class DnsServer {
  private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
  static final int TCP_CONNECTIONS_MAX = 128;
  static final int TCP_IDLE_SECONDS = 10;

  private final String id;
  private final VertxInternal vertx;
  private final Endpoint listen;
  private final DnsZone zone;
  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, Counter> queries = new ConcurrentHashMap<>();
  private final ChannelGroup tcpChannels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private Channel udp;
  private Channel tcp;

  public DnsServer(Vertx vertx, String id, Endpoint listen, DnsZone zone, MeterRegistry registry) {
    this.vertx = (VertxInternal) vertx;
    this.id = id;
    this.listen = listen;
    this.zone = zone;
    this.registry = registry;
  }

  /** Binds UDP, then TCP on the port UDP got. */
  public Future<Void> start() {
    Bootstrap udpBootstrap = new Bootstrap()
        .group(vertx.nettyEventLoopGroup())
        .channelFactory(() -> vertx.transport().datagramChannel())
        // mDNS daemons (avahi) hold 0.0.0.0:5353 with SO_REUSEADDR; with it too, our more specific
        // 127.0.0.1 binding gets the datagrams sent to it. Two stamps on one port still clash: TCP.
        .option(ChannelOption.SO_REUSEADDR, true)
        .handler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                new Responder("udp"));
          }
        });
    return bind(udpBootstrap.bind(listen.host(), listen.port()))
        .compose(u -> {
          udp = u;
          ServerBootstrap tcpBootstrap = new ServerBootstrap()
              .group(vertx.acceptorEventLoopGroup(), vertx.nettyEventLoopGroup())
              .channelFactory(vertx.transport().serverChannelFactory(false))
              .childHandler(new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                  if (tcpChannels.size() >= TCP_CONNECTIONS_MAX) {
                    ch.close();
                    return;
                  }
                  tcpChannels.add(ch); // the group forgets a channel once it closes
                  ch.pipeline().addLast(new IdleStateHandler(0, 0, TCP_IDLE_SECONDS, TimeUnit.SECONDS),
                      new TcpDnsQueryDecoder(DnsRecordDecoder.DEFAULT, 65535), new TcpDnsResponseEncoder(),
                      new Responder("tcp"));
                }
              });
          return bind(tcpBootstrap.bind(listen.host(), port()));
        })
        .<Void>map(t -> {
          tcp = t;
          log.info("{} answering DNS for {} on {}", id, zone.apex(), endpoint());
          return null;
        })
        .onFailure(t -> stop());
  }

  /** Stops answering: closes both listeners and every TCP connection. */
  public Future<Void> stop() {
    Future<Void> closedUdp = close(udp);
    Future<Void> closedTcp = close(tcp);
    Promise<Void> closedConnections = Promise.promise();
    tcpChannels.close().addListener(f -> closedConnections.complete());
    return Future.join(closedUdp, closedTcp, closedConnections.future()).mapEmpty();
  }

  /** Where it answers (the bound port when configured with 0). */
  public Endpoint endpoint() {
    return Endpoint.of(listen.host(), port());
  }

  private int port() {
    return udp == null ? listen.port() : ((InetSocketAddress) udp.localAddress()).getPort();
  }

  private Future<Channel> bind(ChannelFuture bound) {
    Promise<Channel> promise = Promise.promise();
    bound.addListener(f -> {
      if (f.isSuccess()) {
        promise.complete(bound.channel());
      } else {
        promise.fail(new IllegalStateException(id + " cannot serve DNS on " + listen + ": " + f.cause(), f.cause()));
      }
    });
    return promise.future();
  }

  private static Future<Void> close(Channel channel) {
    if (channel == null) {
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    channel.close().addListener(f -> promise.complete());
    return promise.future();
  }

  /** Counts a query by its response code's name, or "dropped" for one that got no answer. */
  private void count(String transport, String outcome) {
    queries.computeIfAbsent(transport + "/" + outcome, k -> Counter.builder("stampede_dns_queries")
        .description("DNS queries, by transport and response code (dropped: undecodable, not answered)")
        .tag("node", id).tag("transport", transport).tag("rcode", outcome)
        .register(registry)).increment();
  }

  /** Turns each query into its response; one per transport, shared by its channels. */
  @ChannelHandler.Sharable
  private final class Responder extends SimpleChannelInboundHandler<DnsQuery> {
    private final String transport;

    Responder(String transport) {
      this.transport = transport;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DnsQuery query) {
      DnsResponse response = query instanceof DatagramDnsQuery d
          ? new DatagramDnsResponse(d.recipient(), d.sender(), query.id())
          : new DefaultDnsResponse(query.id());
      response.setOpCode(query.opCode()).setRecursionDesired(query.isRecursionDesired());
      DnsResponseCode code;
      try {
        code = fill(query, response);
      } catch (RuntimeException e) {
        log.warn("{} failed to answer a DNS query: {}", id, e.toString());
        code = DnsResponseCode.SERVFAIL;
      }
      // authoritative for names in the zone; a refusal or failure speaks for no zone
      response.setAuthoritativeAnswer(code.equals(DnsResponseCode.NOERROR) || code.equals(DnsResponseCode.NXDOMAIN));
      response.setCode(code);
      count(transport, code.toString().replaceAll("\\(.*", "").toUpperCase(Locale.ROOT));
      ctx.writeAndFlush(response);
    }

    private DnsResponseCode fill(DnsQuery query, DnsResponse response) {
      if (!query.opCode().equals(DnsOpCode.QUERY)) {
        return DnsResponseCode.NOTIMP;
      }
      if (query.count(DnsSection.QUESTION) != 1) {
        return DnsResponseCode.FORMERR;
      }
      DnsQuestion question = query.recordAt(DnsSection.QUESTION);
      response.addRecord(DnsSection.QUESTION, question);
      DnsZone.Answer answer = zone.answer(question.name(), question.type());
      for (DnsRecord r : answer.answers()) {
        response.addRecord(DnsSection.ANSWER, r);
      }
      for (DnsRecord r : answer.authority()) {
        response.addRecord(DnsSection.AUTHORITY, r);
      }
      return answer.code();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof IdleStateEvent) {
        ctx.close();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof DecoderException) {
        count(transport, "dropped");
      }
      log.debug("{} dropping a DNS {} query or connection: {}", id, transport, cause.toString());
      if (!transport.equals("udp")) {
        ctx.close(); // a TCP stream out of step cannot be resynchronised
      }
    }
  }
}

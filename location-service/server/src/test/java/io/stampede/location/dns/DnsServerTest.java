package io.stampede.location.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.dns.DefaultDnsQuery;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.handler.codec.dns.TcpDnsQueryEncoder;
import io.netty.handler.codec.dns.TcpDnsResponseDecoder;
import io.netty.util.ReferenceCountUtil;
import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.location.api.LocationApi;
import io.stampede.location.service.LocationConfig;
import io.stampede.location.service.LocationServer;
import io.vertx.core.Vertx;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.dns.DnsException;
import io.vertx.core.internal.VertxInternal;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The location service answering DNS to real clients: Vert.x's resolver (UDP) and Netty's codec (TCP). */
@Timeout(60)
class DnsServerTest {
  private static final StampId S1 = StampId.of("s1");
  private final Vertx vertx = Vertx.vertx();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private LocationServer server;
  private LocationApi api;
  private DnsClient dns;
  private Endpoint dnsAt;
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    LocationConfig config = new LocationConfig("loc", Endpoint.of("127.0.0.1", 0), dir)
        .withDns(new DnsConfig(Endpoint.of("127.0.0.1", 0), DnsZone.DEFAULT_APEX, "127.0.0.1"));
    server = new LocationServer(vertx, config, registry, Clock.systemUTC());
    server.start().await(30, TimeUnit.SECONDS);
    api = server.api();
    api.registerStamp(S1, Endpoint.of("127.0.1.1", 9000)).await(10, TimeUnit.SECONDS);
    dnsAt = server.dnsEndpoint().orElseThrow();
    dns = vertx.createDnsClient(new DnsClientOptions().setHost(dnsAt.host()).setPort(dnsAt.port())
        .setQueryTimeout(5000).setRecursionDesired(false));
  }

  @AfterEach
  void stop() throws Exception {
    server.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void bucketsResolveToTheirStampTheMomentTheyExistAndStopWhenDeleted() throws Exception {
    assertEquals(io.vertx.core.dns.DnsResponseCode.NXDOMAIN, failureOf("photos.s3.stampede.test"));
    api.createBucket("photos", "alice", "us-east-1", S1).await(10, TimeUnit.SECONDS);
    assertEquals(List.of("127.0.1.1"), dns.resolveA("photos.s3.stampede.test").await(10, TimeUnit.SECONDS));
    assertEquals(List.of("127.0.0.1"), dns.resolveA("s3.stampede.test").await(10, TimeUnit.SECONDS));

    api.deleteBucket("photos", "alice").await(10, TimeUnit.SECONDS);
    assertEquals(io.vertx.core.dns.DnsResponseCode.NXDOMAIN, failureOf("photos.s3.stampede.test"));
    assertEquals(io.vertx.core.dns.DnsResponseCode.REFUSED, failureOf("example.com"));
    assertEquals(2.0, registry.get("stampede_dns_queries").tag("transport", "udp").tag("rcode", "NXDOMAIN")
        .counter().count());
  }

  @Test
  void tcpAnswersTheSameAuthoritatively() throws Exception {
    api.createBucket("logs", "alice", "us-east-1", S1).await(10, TimeUnit.SECONDS);
    DnsResponse r = tcpQuery("logs.s3.stampede.test.");
    try {
      assertEquals(DnsResponseCode.NOERROR, r.code());
      assertTrue(r.isAuthoritativeAnswer());
      assertEquals(7, r.id());
      DnsRawRecord a = r.recordAt(DnsSection.ANSWER);
      assertEquals(DnsRecordType.A, a.type());
      assertArrayEquals(new byte[] {127, 0, 1, 1}, ByteBufUtil.getBytes(a.content()));
    } finally {
      ReferenceCountUtil.release(r);
    }
    DnsResponse refused = tcpQuery("example.com.");
    try {
      assertEquals(DnsResponseCode.REFUSED, refused.code());
      assertFalse(refused.isAuthoritativeAnswer(), "no authority outside the zone");
    } finally {
      ReferenceCountUtil.release(refused);
    }
  }

  @Test
  void garbageIsDroppedAndTheServerGoesOn() throws Exception {
    try (DatagramSocket s = new DatagramSocket()) {
      byte[] junk = {1, 2, 3};
      s.send(new DatagramPacket(junk, junk.length, InetAddress.getByName(dnsAt.host()), dnsAt.port()));
    }
    api.createBucket("after", "alice", "us-east-1", S1).await(10, TimeUnit.SECONDS);
    assertEquals(List.of("127.0.1.1"), dns.resolveA("after.s3.stampede.test").await(10, TimeUnit.SECONDS));
    assertEquals(1.0, registry.get("stampede_dns_queries").tag("rcode", "dropped").counter().count());
  }

  private io.vertx.core.dns.DnsResponseCode failureOf(String name) {
    try {
      dns.resolveA(name).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return assertInstanceOf(DnsException.class, e).code();
    }
    throw new AssertionError(name + " resolved");
  }

  /** One query over TCP with Netty's DNS codec, the way a resolver falls back to TCP. */
  private DnsResponse tcpQuery(String name) throws Exception {
    CompletableFuture<DnsResponse> answer = new CompletableFuture<>();
    Channel ch = new Bootstrap()
        .group(((VertxInternal) vertx).nettyEventLoopGroup())
        .channelFactory(((VertxInternal) vertx).transport().channelFactory(false))
        .handler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel c) {
            c.pipeline().addLast(new TcpDnsQueryEncoder(), new TcpDnsResponseDecoder(),
                new SimpleChannelInboundHandler<DnsResponse>(false) {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, DnsResponse r) {
                    answer.complete(r);
                  }
                });
          }
        })
        .connect(dnsAt.host(), dnsAt.port()).sync().channel();
    try {
      ch.writeAndFlush(new DefaultDnsQuery(7, DnsOpCode.QUERY)
          .setRecord(DnsSection.QUESTION, new DefaultDnsQuestion(name, DnsRecordType.A))).sync();
      return answer.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    } finally {
      ch.close();
    }
  }
}

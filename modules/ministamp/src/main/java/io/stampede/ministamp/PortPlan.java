package io.stampede.ministamp;

import io.stampede.common.id.RackId;
import io.stampede.common.net.Endpoint;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Where every role of a stamp listens, derived from one base port so that a restarted stamp
 * finds its peers where they were (Raft keeps peer addresses in its log). Each role has its own
 * loopback address; extent nodes of rack R sit on {@code 127.0.R.N}, the way racks would
 * have their own subnets:
 * <pre>
 *   S3, global endpoint  127.0.0.1:base       console 127.0.0.1:base+1   (every front-end)
 *   S3, the stamp's VIP  127.0.0.100:base     (the stamp's front-ends; DNS answers it for its buckets)
 *   DNS (UDP and TCP)   127.0.0.1:dnsPort     (./stamp up: 5353; plans for tests: base+2, {@link #dnsSlot})
 *   location service    127.0.0.2:base+100
 *   stream managers     127.0.0.(3+i):base+100 (gRPC), :base+101 (Raft)   i = 1..3
 *   partition managers  127.0.0.(10+i):base+100 (gRPC), :base+101 (Raft)   i = 1..3
 *   partition servers   127.0.0.(20+k):base+100
 *   extent nodes        127.0.R.N:base+200
 * </pre>
 */
public record PortPlan(int base) {
  /** How far above the base port the plan reaches. */
  public static final int SPAN = 201;

  public Endpoint s3() {
    return Endpoint.of("127.0.0.1", base);
  }

  /** The stamp's own virtual IP on the S3 port: what DNS answers for its buckets. */
  public Endpoint vip() {
    return Endpoint.of("127.0.0.100", base);
  }

  public Endpoint console() {
    return Endpoint.of("127.0.0.1", base + 1);
  }

  /**
   * The free port beside the plan where tests, the bench and CI put the location service's DNS
   * ({@link #applyTo}); {@code ./stamp up} answers on 5353 unless told otherwise.
   */
  public int dnsSlot() {
    return base + 2;
  }

  /** {@code config} on this plan: its base port, and DNS in {@link #dnsSlot()}. */
  public StampConfig applyTo(StampConfig config) {
    return config.withBasePort(base).withDnsPort(dnsSlot());
  }

  public static Endpoint dns(StampConfig config) {
    return Endpoint.of("127.0.0.1", config.dnsPort());
  }

  public Endpoint location() {
    return Endpoint.of("127.0.0.2", base + 100);
  }

  public Endpoint streamManager(int peer) {
    return Endpoint.of("127.0.0." + (3 + peer), base + 100);
  }

  public Endpoint streamManagerRaft(int peer) {
    return Endpoint.of("127.0.0." + (3 + peer), base + 101);
  }

  /** The three stream manager peers' gRPC fronts, what extent nodes and stream clients are given. */
  public List<Endpoint> streamManagers() {
    return List.of(streamManager(1), streamManager(2), streamManager(3));
  }

  public Endpoint partitionManager(int peer) {
    return Endpoint.of("127.0.0." + (10 + peer), base + 100);
  }

  public Endpoint partitionManagerRaft(int peer) {
    return Endpoint.of("127.0.0." + (10 + peer), base + 101);
  }

  public Endpoint partitionServer(int k) {
    return Endpoint.of("127.0.0." + (20 + k), base + 100);
  }

  public Endpoint extentNode(int rack, int node) {
    return Endpoint.of("127.0." + rack + "." + node, base + 200);
  }

  public static RackId rack(int rack) {
    return RackId.of("r" + rack);
  }

  /** Every endpoint a stamp of this shape uses. */
  public List<Endpoint> all(StampConfig config) {
    List<Endpoint> all = new ArrayList<>(List.of(s3(), vip(), console(), dns(config), location()));
    for (int i = 1; i <= 3; i++) {
      all.add(streamManager(i));
      all.add(streamManagerRaft(i));
      all.add(partitionManager(i));
      all.add(partitionManagerRaft(i));
    }
    for (int k = 1; k <= config.partitionServers(); k++) {
      all.add(partitionServer(k));
    }
    for (int r = 1; r <= config.racks(); r++) {
      for (int n = 1; n <= config.extentNodesPerRack(); n++) {
        all.add(extentNode(r, n));
      }
    }
    return all;
  }

  /** Whether every endpoint of the plan can be bound right now, DNS's for UDP too. */
  public boolean free(StampConfig config) {
    for (Endpoint e : all(config)) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(e.host(), e.port()));
      } catch (IOException busy) {
        return false;
      }
    }
    try (DatagramSocket s = new DatagramSocket(null)) {
      s.bind(new InetSocketAddress(dns(config).host(), dns(config).port()));
    } catch (IOException busy) {
      return false;
    }
    return true;
  }

  /** A base port in the ephemeral-free range whose whole plan is bindable, for tests. */
  public static PortPlan findFree(StampConfig config, Random random) {
    for (int attempt = 0; attempt < 50; attempt++) {
      PortPlan plan = new PortPlan(20000 + 10 * random.nextInt(2500));
      if (plan.free(plan.applyTo(config))) {
        return plan;
      }
    }
    throw new IllegalStateException("no free port range for a stamp found");
  }
}

package io.stampede.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Free loopback ports for the servers the bench starts. A stamp listens on many loopback
 * addresses around its base port ({@code io.stampede.ministamp.PortPlan}: S3 on 127.0.0.1:base,
 * the console on base+1, managers and partition servers on 127.0.0.x:base+100/101, extent nodes
 * on 127.0.R.N:base+200); the check here covers the default shape of {@code ./stamp up}.
 */
final class FreePorts {
  private FreePorts() {}

  /** Any free port on 127.0.0.1. */
  static int any() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new BenchException("no free port on 127.0.0.1", e);
    }
  }

  /** A base port whose whole default stamp plan (4 racks x 2 extent nodes) can be bound now. */
  static int stampBase(Random random) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 20000 + 10 * random.nextInt(2500);
      if (stampPlan(base).stream().allMatch(FreePorts::bindable)) {
        return base;
      }
    }
    throw new BenchException("no free port range for a stamp found");
  }

  static List<InetSocketAddress> stampPlan(int base) {
    List<InetSocketAddress> all = new ArrayList<>();
    all.add(new InetSocketAddress("127.0.0.1", base));
    all.add(new InetSocketAddress("127.0.0.1", base + 1));
    all.add(new InetSocketAddress("127.0.0.2", base + 100));
    for (int i = 1; i <= 3; i++) {
      for (int host : new int[] {3 + i, 10 + i}) {
        all.add(new InetSocketAddress("127.0.0." + host, base + 100));
        all.add(new InetSocketAddress("127.0.0." + host, base + 101));
      }
    }
    for (int k = 1; k <= 2; k++) {
      all.add(new InetSocketAddress("127.0.0." + (20 + k), base + 100));
    }
    for (int r = 1; r <= 4; r++) {
      for (int n = 1; n <= 2; n++) {
        all.add(new InetSocketAddress("127.0." + r + "." + n, base + 200));
      }
    }
    return all;
  }

  private static boolean bindable(InetSocketAddress address) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(address);
      return true;
    } catch (IOException busy) {
      return false;
    }
  }
}

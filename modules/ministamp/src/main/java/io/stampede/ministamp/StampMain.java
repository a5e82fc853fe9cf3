package io.stampede.ministamp;

import io.stampede.frontend.auth.User;
import io.stampede.common.net.Endpoint;
import io.stampede.frontend.auth.Users;
import io.stampede.location.dns.DnsZone;
import io.stampede.partition.manager.BalanceConfig;
import io.stampede.frontend.auth.UsersFile;
import io.stampede.partition.throttle.RateLimit;
import io.stampede.partition.throttle.RequestRateLimits;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The {@code ./stamp} command. {@code ./stamp up} runs one whole stamp in this JVM until
 * Ctrl-C; the other verbs ({@link StampCli}) talk to a running one through its console. The
 * only place besides tests that reads the environment.
 */
public final class StampMain {
  private StampMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      usage(System.out);
      return;
    }
    if (StampCli.handles(args[0])) {
      System.exit(new StampCli(System.out, System.err).run(args));
    }
    if (!args[0].equals("up")) {
      System.err.println("stamp: unknown command '" + args[0] + "'");
      usage(System.err);
      System.exit(2);
    }
    StampConfig config;
    try {
      config = parseUp(args);
    } catch (IllegalArgumentException e) {
      System.err.println("stamp: " + e.getMessage());
      usage(System.err);
      System.exit(2);
      return;
    }
    MiniStamp stamp = MiniStamp.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("stamp: stopping...");
      stamp.close();
      stopped.countDown();
    }, "stamp-shutdown"));
    User first = config.users().all().iterator().next();
    System.out.printf("%nStampede stamp '%s' is up: %d racks x %d extent nodes, %d partition servers, data in %s%n",
        config.stamp(), config.racks(), config.extentNodesPerRack(), config.partitionServers(),
        config.dataDir().toAbsolutePath());
    System.out.printf("  S3 endpoint: http://%s (the stamp's own VIP: http://%s)%n", stamp.s3Endpoint(), stamp.vip());
    System.out.printf("  access key:  %s%n  secret key:  %s%n", first.accessKey(), first.secretKey());
    if (config.users().all().size() > 1) {
      System.out.printf("  more users:  %s%n", config.users().all().stream().skip(1)
          .map(u -> u.accessKey() + (u.displayName().equals(u.accessKey()) ? "" : " (" + u.displayName() + ")"))
          .collect(Collectors.joining(", ")));
    }
    System.out.printf("  console:     http://%s/health  /metrics  /status%n", stamp.consoleEndpoint());
    Endpoint dns = stamp.dnsEndpoint();
    System.out.printf("  DNS:         dig @%s -p %d my-bucket.%s (the bucket's stamp address)%n", dns.host(),
        dns.port(), DnsZone.DEFAULT_APEX);
    String portFlag = config.basePort() == 9000 ? "" : " --port " + config.basePort();
    System.out.printf("  break it:    ./stamp status%s; ./stamp kill-rack r1%s; ./stamp restart-rack r1%s%n",
        portFlag, portFlag, portFlag);
    System.out.printf("  try: AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s aws --endpoint-url http://%s --region us-east-1 s3 mb s3://my-bucket%n",
        first.accessKey(), first.secretKey(), stamp.s3Endpoint());
    System.out.println("Press Ctrl-C to stop.");
    stopped.await();
  }

  static StampConfig parseUp(String[] args) {
    return parseUp(args, System::getenv);
  }

  /** The config of {@code ./stamp up ARGS}; {@code env} reads the environment. */
  static StampConfig parseUp(String[] args, UnaryOperator<String> env) {
    StampConfig c = StampConfig.defaults(Path.of("stamp-data"));
    int racks = c.racks();
    int perRack = c.extentNodesPerRack();
    Path data = c.dataDir();
    int port = c.basePort();
    int dnsPort = c.dnsPort();
    long nodeCapacity = c.nodeCapacityBytes();
    long extentBytes = c.extentBytesTarget();
    long partBytesMin = c.partBytesMin();
    Duration lifecycleInterval = c.lifecycle().interval();
    Duration lifecycleDay = c.lifecycle().dayLength();
    Path usersFile = null;
    RequestRateLimits limits = c.requestLimits();
    BalanceConfig b = c.balance();
    boolean balance = b.enabled();
    long splitKeys = b.splitKeys();
    long splitBytes = b.splitBytes();
    double splitRps = b.splitRequestsPerSecond();
    int rangesLow = b.rangesLow();
    int rangesHigh = b.rangesHigh();
    for (int i = 1; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + flag);
      }
      String value = args[++i];
      switch (flag) {
        case "--racks" -> racks = parseInt(flag, value);
        case "--nodes-per-rack" -> perRack = parseInt(flag, value);
        case "--data" -> data = Path.of(value);
        case "--port" -> port = parseInt(flag, value);
        case "--dns-port" -> dnsPort = parseInt(flag, value);
        case "--node-capacity-mib" -> nodeCapacity = (long) parseInt(flag, value) << 20;
        case "--extent-mib" -> extentBytes = (long) parseInt(flag, value) << 20;
        case "--users" -> usersFile = Path.of(value);
        case "--part-bytes-min" -> partBytesMin = parseInt(flag, value);
        case "--lifecycle-interval-seconds" -> lifecycleInterval = Duration.ofSeconds(parseInt(flag, value));
        case "--lifecycle-day-seconds" -> lifecycleDay = Duration.ofSeconds(parseInt(flag, value));
        case "--bucket-rate-limit" -> limits = limits.withBucket(rateLimit(flag, value));
        case "--range-rate-limit" -> limits = limits.withRange(rateLimit(flag, value));
        case "--balance" -> balance = parseOnOff(flag, value);
        case "--split-keys" -> splitKeys = parseInt(flag, value);
        case "--split-mib" -> splitBytes = (long) parseInt(flag, value) << 20;
        case "--split-rps" -> splitRps = parseInt(flag, value);
        case "--ranges-min" -> rangesLow = parseInt(flag, value);
        case "--ranges-max" -> rangesHigh = parseInt(flag, value);
        default -> throw new IllegalArgumentException("unknown flag " + flag);
      }
    }
    String access = envOr(env, "STAMP_ACCESS_KEY", StampConfig.DEFAULT_ACCESS_KEY);
    String secret = envOr(env, "STAMP_SECRET_KEY", StampConfig.DEFAULT_SECRET_KEY);
    Users users = Users.of(List.of(User.of(access, secret)));
    if (usersFile != null) {
      users = users.plus(loadUsers(usersFile));
    }
    return new StampConfig(c.stamp(), racks, perRack, c.partitionServers(), nodeCapacity, data, port, dnsPort, c.domain(),
        users, extentBytes, c.heartbeatInterval(), c.nodeTimeout(), partBytesMin,
        c.lifecycle().withTiming(lifecycleInterval, lifecycleDay),
        new BalanceConfig(balance, splitKeys, splitBytes, splitRps, rangesLow, rangesHigh, b.mergeHold()), limits);
  }

  /** RPS requests a second with one second's worth of burst; 0 is unlimited. */
  private static RateLimit rateLimit(String flag, String value) {
    int rps = parseInt(flag, value);
    if (rps < 0) {
      throw new IllegalArgumentException(flag + " needs requests per second >= 0 (0: unlimited), got " + rps);
    }
    return RateLimit.perSecond(rps);
  }

  private static boolean parseOnOff(String flag, String value) {
    return switch (value) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException(flag + " takes on or off, got '" + value + "'");
    };
  }

  private static Users loadUsers(Path file) {
    try {
      return UsersFile.load(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the users file " + file + ": " + e);
    }
  }

  private static int parseInt(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a number, got '" + value + "'");
    }
  }

  private static String envOr(UnaryOperator<String> env, String name, String fallback) {
    String v = env.apply(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  static void usage(PrintStream to) {
    to.println("""
        usage: ./stamp up [--racks N] [--nodes-per-rack N] [--data DIR] [--port P] [--dns-port P]
                          [--extent-mib M] [--node-capacity-mib M]
                          [--users FILE] [--part-bytes-min BYTES]
                          [--lifecycle-interval-seconds S] [--lifecycle-day-seconds D]
                          [--balance on|off] [--split-keys N] [--split-mib M] [--split-rps R]
                          [--ranges-min N] [--ranges-max N]
                          [--bucket-rate-limit RPS] [--range-rate-limit RPS]
          Runs one whole stamp in this JVM (defaults: 4 racks x 2 extent nodes, --data ./stamp-data,
          S3 on http://127.0.0.1:9000, console on port+1, extents sealed at 64 MiB). The location
          service answers DNS for s3.stampede.test on 127.0.0.1:5353 (UDP and TCP; --dns-port):
          <bucket>.s3.stampede.test is the address of the bucket's stamp. Each extent node counts
          --node-capacity-mib (default 4096) of capacity; the stamp reports its fill to the location
          service every 2 s. Credentials:
          STAMP_ACCESS_KEY / STAMP_SECRET_KEY (default stampede / stampede-secret), plus the users
          of FILE, one a line: "access-key secret-key [display name]" (# starts a comment).
          --part-bytes-min: smallest part but the last a multipart upload completes with (default
          5242880 as S3; 0 turns the check off, like Riak CS's enforce_multipart_part_size = false).
          Bucket lifecycle rules are applied every 600 s with days of 86400 s; the lifecycle flags
          shorten both to watch them act.
          The partition manager splits a range past 100000 keys, 4096 MiB or 2000 requests/s, merges
          cold neighbours, and moves ranges to even out servers, keeping 3 to 64 ranges; the flags
          change the thresholds (0 turns one off) and --balance off stops it acting on its own.
          --bucket-rate-limit / --range-rate-limit: requests a second each partition server admits per
          S3 bucket (default 3500, S3's per-prefix rate) and per range partition (default 5000), with
          a burst of one second's worth; beyond, requests get 503 SlowDown. 0 turns a limit off.

        Against a running stamp (through its console on port+1; pass the same --port P as to up, and
        the same --data DIR for the verbs that change it: they send the token it wrote there):
          ./stamp status [--check]      racks, extent nodes (up/down, extents, bytes), open and sealed
                                        extents, under-replicated count, the partition map;
                                        --check also verifies every sealed extent's replicas
          ./stamp kill-node <id>        kill an extent node (e.g. r1n2): it stops answering, files stay
          ./stamp restart-node <id>     start it again on its data
          ./stamp kill-rack <rack>      kill every extent node of a rack (e.g. r2)
          ./stamp restart-rack <rack>   restart them
          ./stamp kill-frontend <fe>    kill a front-end (fe1, fe2, or stamp1/fe2): its connections are
                                        cut, the stamp's VIP sends new ones to the other front-end
          ./stamp restart-frontend <fe> start it again; it takes its share of new connections
          ./stamp kill-stream-manager-leader   kill the stream manager's Raft leader (a new one takes over)
          ./stamp split <range> [key]   split a range partition (e.g. p1) at an index key
                                        ("bucket/key"; default: the key its server proposes)
          ./stamp merge <range>         merge a range with the one after it
          ./stamp move <range> <server> move a range to a partition server (e.g. ps2)
          ./stamp kill-partition-server <id>      kill a partition server (e.g. ps1): its ranges fail over
          ./stamp restart-partition-server <id>   start it again
          ./stamp kill-partition-manager-leader   kill the partition manager's Raft leader
          ./stamp rebuild-index         rebuild every range's index from the commit logs alone (the
                                        partition servers stop meanwhile)
          ./stamp gc                    one garbage-collection pass over every range's blob stream now
                                        (one runs every 30 s anyway); status shows the garbage left

        Benchmark (starts its own stamp on free ports unless given --endpoint; see ./stamp bench --help):
          ./stamp bench [--scale F] [--json FILE] [--reference s3proxy] [--endpoint URL ...]
        Without a stamp:
          ./stamp microbench [JMH args] JMH benchmarks of the hot paths (modules/microbench), about
                                        4 minutes; JMH's flags (-h) pick and shorten them, e.g.
                                        -wi 2 -i 3 -w 1s -r 2s ObjectIndex""");
  }
}

package io.stampede.bench;

import io.stampede.ministamp.StampConfig;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;

/**
 * The flags of {@code ./stamp bench}.
 *
 * @param endpoint an S3 server to measure instead of starting a stamp (null: start one)
 * @param name the table column of the measured server
 * @param serverPid the pid of the {@code endpoint} server, for its CPU seconds and peak RSS (-1: unknown)
 * @param s3proxyReference also start s3proxy and run the same workloads against it
 * @param json where to write every figure as JSON (null: nowhere)
 * @param workDir where the run's temporary directory goes (stamp and s3proxy data, the fsync test file)
 * @param home the Stampede checkout whose {@code ./stamp up} is started
 * @param warmup the scale of the unmeasured pass of every workload each server gets before it is
 *     measured (0: none)
 * @param rounds how many times each server runs the measured workloads; the table shows each
 *     workload's median round
 */
record BenchOptions(URI endpoint, String name, String accessKey, String secretKey, long serverPid,
    boolean s3proxyReference, Path s3proxyJar, double scale, double warmup, int rounds, Path json, Path workDir,
    Path home, boolean help) {
  /** The default user of {@code ./stamp up} (StampConfig.DEFAULT_ACCESS_KEY / DEFAULT_SECRET_KEY). */
  static final String DEFAULT_ACCESS_KEY = StampConfig.DEFAULT_ACCESS_KEY;
  static final String DEFAULT_SECRET_KEY = StampConfig.DEFAULT_SECRET_KEY;
  static final double SCALE_MAX = 100;
  /**
   * The default {@link #warmup}: a server's JIT compilers run for minutes after it starts (on two
   * cores a fresh stamp spends about half its CPU compiling through its first thousands of
   * requests), so a cold server's first workloads would measure its compilers, not its serving.
   */
  static final double WARMUP_DEFAULT = 0.5;
  static final int ROUNDS_MAX = 20;

  static BenchOptions parse(String[] args) {
    URI endpoint = null;
    String name = null;
    String accessKey = DEFAULT_ACCESS_KEY;
    String secretKey = DEFAULT_SECRET_KEY;
    long pid = -1;
    boolean reference = false;
    Path jar = Servers.defaultS3ProxyJar();
    double scale = 1.0;
    double warmup = WARMUP_DEFAULT;
    int rounds = 1;
    Path json = null;
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"));
    Path home = Path.of(System.getProperty("stampede.home", "."));
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        return new BenchOptions(null, "", accessKey, secretKey, pid, false, jar, scale, warmup, rounds, null,
            workDir, home, true);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + flag);
      }
      String value = args[++i];
      switch (flag) {
        case "--endpoint" -> endpoint = endpoint(value);
        case "--name" -> name = value;
        case "--access-key" -> accessKey = value;
        case "--secret-key" -> secretKey = value;
        case "--server-pid" -> pid = parsePid(value);
        case "--reference" -> reference = parseReference(value);
        case "--s3proxy-jar" -> jar = Path.of(value);
        case "--scale" -> scale = parseScale("--scale", value);
        case "--warmup" -> warmup = value.equals("0") ? 0 : parseScale("--warmup", value);
        case "--rounds" -> rounds = parseRounds(value);
        case "--json" -> json = Path.of(value);
        case "--work-dir" -> workDir = Path.of(value);
        default -> throw new IllegalArgumentException("unknown flag " + flag);
      }
    }
    if (pid != -1 && endpoint == null) {
      throw new IllegalArgumentException("--server-pid goes with --endpoint (the stamp the bench starts is measured anyway)");
    }
    if (name == null) {
      name = endpoint == null ? "stampede" : "server";
    }
    return new BenchOptions(endpoint, name, accessKey, secretKey, pid, reference, jar, scale, warmup, rounds, json,
        workDir, home, false);
  }

  private static URI endpoint(String value) {
    try {
      URI uri = new URI(value);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException("--endpoint needs an http(s) URL like http://127.0.0.1:9000, got '" + value + "'");
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("--endpoint needs an http(s) URL, got '" + value + "'");
    }
  }

  private static long parsePid(String value) {
    try {
      long pid = Long.parseLong(value);
      if (pid > 0) {
        return pid;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--server-pid needs a process id, got '" + value + "'");
  }

  private static boolean parseReference(String value) {
    if (!value.equals("s3proxy")) {
      throw new IllegalArgumentException("--reference takes s3proxy (the only reference server), got '" + value + "'");
    }
    return true;
  }

  private static int parseRounds(String value) {
    try {
      int rounds = Integer.parseInt(value);
      if (rounds >= 1 && rounds <= ROUNDS_MAX) {
        return rounds;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--rounds needs a whole number from 1 to " + ROUNDS_MAX + ", got '" + value + "'");
  }

  private static double parseScale(String flag, String value) {
    try {
      double scale = Double.parseDouble(value);
      if (scale > 0 && scale <= SCALE_MAX) {
        return scale;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(flag + " needs a number in (0, " + (int) SCALE_MAX + "], got '" + value + "'");
  }

  static void usage(PrintStream to) {
    to.println("""
        usage: ./stamp bench [--scale F] [--warmup F] [--rounds N] [--json FILE] [--reference s3proxy] [--s3proxy-jar JAR]
                             [--endpoint URL --access-key K --secret-key S [--server-pid PID] [--name NAME]]
                             [--work-dir DIR]
          Runs the standard workloads through the AWS SDK for Java v2 with default settings: 4 KiB,
          1 MiB and 64 MiB PUT then GET, multipart upload (8 x 8 MiB) then GET, ListObjectsV2 pages
          of 1000 keys, and a mixed 70% GET / 30% PUT load of 4-64 KiB objects; every GET is checked
          byte for byte (length and CRC32). Prints one table: ops/s, MiB/s or keys/s with p50/p99
          latencies, the server's CPU seconds and peak RSS, and this machine's ceilings measured in
          the same run (fsync'd 1 MiB writes, loopback TCP copy, MD5 on one core).
          Without --endpoint it starts its own stamp (./stamp up on free ports, data in a temporary
          directory) and stops it at the end.
          --reference s3proxy  also starts s3proxy 4.1.0 (filesystem backend, same credentials, from
                               ~/.m2 unless --s3proxy-jar) and adds its column and the ratio
          --endpoint URL       measure any S3 server instead (credentials default to stampede's;
                               --server-pid PID adds its CPU seconds and peak RSS)
          --scale F            sizes the run (default 1: a few minutes; 0.1: well under one)
          --warmup F           before it is measured, each server runs every workload once at
                               scale F, unmeasured, so that its JIT has compiled its hot paths
                               (default 0.5; 0: measure the cold server)
          --rounds N           runs the measured workloads N times per server and shows each
                               workload's median round (default 1; runs vary by a quarter on a
                               small machine, so compare servers with 3 or more)
          --json FILE          writes every figure as JSON
          --work-dir DIR       where the temporary directory goes (default: java.io.tmpdir)""");
  }
}

package io.stampede.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One run: measures the machine's ceilings, then runs the workloads against each server in turn
 * (the stamp it starts or the given endpoint, then s3proxy if asked), one server up at a time so
 * they never compete for the cores. {@link #close()} stops whatever it started and removes its
 * temporary directory; it is safe to call from a shutdown hook while a run is under way.
 */
final class Bench implements AutoCloseable {
  private static final long PROGRESS_PERIOD_MS = 3000;

  private final BenchOptions options;
  private final Progress progress;
  private final List<ServerProcess> started = new ArrayList<>();
  private Path workDir;
  private boolean closed;

  Bench(BenchOptions options, PrintStream err) {
    this.options = options;
    this.progress = new Progress(err, PROGRESS_PERIOD_MS);
  }

  BenchReport run() {
    Instant startedAt = Instant.now();
    workDir = createWorkDir();
    List<WorkloadPlan> plans = Workloads.plan(options.scale());
    List<WorkloadPlan> warmup = options.warmup() > 0 ? Workloads.plan(options.warmup()) : List.of();
    progress.say("measuring this machine's ceilings (fsync'd writes, loopback copy, MD5) in " + workDir);
    MachineCeilings machine = MachineCeilings.measure(workDir, options.scale());
    List<ServerReport> servers = new ArrayList<>();
    if (options.endpoint() != null) {
      servers.add(measure(options.name(), options.endpoint(), options.serverPid(), warmup, plans));
    } else {
      progress.say("starting a stamp: " + options.home().resolve("stamp") + " up");
      Servers.Started stamp = Servers.stamp(options.home(), workDir, options.accessKey(), options.secretKey(),
          this::track);
      servers.add(measure(options.name(), stamp.endpoint(), stamp.process().pid(), warmup, plans));
      stop(stamp.process());
    }
    if (options.s3proxyReference()) {
      progress.say("starting s3proxy from " + options.s3proxyJar());
      Servers.Started s3proxy = Servers.s3proxy(options.s3proxyJar(), workDir, options.accessKey(),
          options.secretKey(), this::track);
      servers.add(measure("s3proxy", s3proxy.endpoint(), s3proxy.process().pid(), warmup, plans));
      stop(s3proxy.process());
    }
    return new BenchReport(startedAt, options.scale(), options.warmup(), options.rounds(), machine, servers);
  }

  /**
   * Every workload against one server, after the unmeasured {@code warmup} ones, as many rounds
   * as asked (each workload reported from its median round), each pass in a bucket of its own
   * that is emptied and deleted at the end: the warm-up's only after the measured rounds, so
   * that a server which reclaims space in the background (a stamp's garbage collection) does not
   * do it for the warm-up's objects while the workloads are measured. The CPU seconds are those
   * of one measured round (the average); the peak RSS is the whole life of the server; every
   * read of every round is verified.
   */
  private ServerReport measure(String name, URI endpoint, long pid, List<WorkloadPlan> warmup,
      List<WorkloadPlan> plans) {
    DoubleSupplier cpu = pid > 0 ? () -> ProcStats.cpuSeconds(pid) : () -> Double.NaN;
    progress.say(name + " at " + endpoint + (pid > 0 ? " (pid " + pid + ")" : ""));
    try (S3Client s3 = client(endpoint)) {
      S3Ops warm = null;
      if (!warmup.isEmpty()) {
        progress.say(name + ": warming up (every workload at scale " + options.warmup() + ", not measured)");
        warm = newBucket(s3);
        new WorkloadSuite(warm, new PhaseRunner(name + " warm-up", progress, cpu), progress).run(warmup);
      }
      List<S3Ops> buckets = new ArrayList<>();
      List<List<PhaseResult>> rounds = new ArrayList<>();
      double cpuBefore = cpu.getAsDouble();
      for (int r = 1; r <= options.rounds(); r++) {
        S3Ops ops = newBucket(s3);
        buckets.add(ops);
        String runner = options.rounds() == 1 ? name : name + " round " + r + "/" + options.rounds();
        rounds.add(new WorkloadSuite(ops, new PhaseRunner(runner, progress, cpu), progress).run(plans));
      }
      double cpuPerRound = (cpu.getAsDouble() - cpuBefore) / options.rounds();
      long peakRss = pid > 0 ? ProcStats.peakRssBytes(pid) : -1;
      long verifiedReads = buckets.stream().mapToLong(S3Ops::verifiedReads).sum();
      long verifiedBytes = buckets.stream().mapToLong(S3Ops::verifiedBytes).sum();
      if (warm != null) {
        buckets.add(warm);
      }
      for (S3Ops done : buckets) {
        try {
          progress.say(name + ": deleted " + done.deleteAll() + " objects and bucket " + done.bucket());
        } catch (RuntimeException e) {
          progress.say(name + ": could not delete bucket " + done.bucket() + " (" + e.getMessage() + ")");
        }
      }
      return new ServerReport(name, endpoint, pid, Medians.of(rounds), cpuPerRound, peakRss, verifiedReads,
          verifiedBytes);
    }
  }

  private static S3Ops newBucket(S3Client s3) {
    S3Ops ops = new S3Ops(s3, "bench-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    ops.createBucket();
    return ops;
  }

  /** The AWS SDK's S3 client with default settings, path-style (the servers are on 127.0.0.1). */
  private S3Client client(URI endpoint) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(options.accessKey(), options.secretKey())))
        .forcePathStyle(true)
        .build();
  }

  /** Remembers a server process to stop on close; if the bench is already closed, stops it now. */
  private synchronized void track(ServerProcess process) {
    started.add(process);
    if (closed) {
      process.close();
      throw new BenchException("stopped");
    }
  }

  private void stop(ServerProcess process) {
    progress.say("stopping " + process.name() + " (pid " + process.pid() + ")");
    process.close();
  }

  private Path createWorkDir() {
    try {
      Files.createDirectories(options.workDir());
      return Files.createTempDirectory(options.workDir(), "stampede-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory in " + options.workDir(), e);
    }
  }

  /** Whether {@link #close()} ran: a failure after it is the stop, not a finding. */
  synchronized boolean closed() {
    return closed;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (ServerProcess p : started) {
      p.close();
    }
    progress.close();
    if (workDir != null) {
      try (Stream<Path> files = Files.walk(workDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        System.err.println("bench: could not remove " + workDir + ": " + e.getMessage());
      }
    }
  }
}

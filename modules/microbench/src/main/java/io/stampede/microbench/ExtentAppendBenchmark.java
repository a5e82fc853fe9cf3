package io.stampede.microbench;

import io.stampede.common.id.ExtentId;
import io.stampede.stream.extent.ExtentFile;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * An extent primary's append: one block per call through {@link ExtentFile#append}, which frames
 * it, takes its CRC32C and fsyncs ({@code force(false)}) before returning, exactly as the extent
 * node does for every batch. Extents roll over at 64 MiB (the stamp's default extent size) and
 * the full one is deleted, so the disk use stays bounded; that costs one create and one delete
 * (each with a directory fsync) per 64 MiB, as in production where extents are created too.
 * The score is appends per second; the {@code mib} counter is the same as MiB/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ExtentAppendBenchmark {
  static final long EXTENT_BYTES = 64L << 20;
  static final int BLOCK_BYTES_MAX = 4 << 20;

  @Param({"65536", "1048576"})
  public int blockBytes;

  private ScratchDir dir;
  private ExtentFile extent;
  private List<Buffer> block;
  private int extents;


  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = ScratchDir.create("append");
    byte[] payload = new byte[blockBytes];
    new Random(blockBytes).nextBytes(payload);
    block = List.of(Buffer.buffer(payload));
    extent = nextExtent();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    extent.close();
    dir.close();
  }

  @Benchmark
  public void append(MibCounter counter, Blackhole bh) throws IOException {
    if (extent.length() >= EXTENT_BYTES) {
      extent.delete();
      extent = nextExtent();
    }
    bh.consume(extent.append(block));
    counter.add(blockBytes);
  }

  private ExtentFile nextExtent() throws IOException {
    return ExtentFile.create(dir.path(), ExtentId.of("bench-" + extents++), BLOCK_BYTES_MAX);
  }
}

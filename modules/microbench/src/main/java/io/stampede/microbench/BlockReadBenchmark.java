package io.stampede.microbench;

import io.stampede.common.id.ExtentId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.ReadResult;
import io.stampede.stream.api.http.BlockTransferClient;
import io.stampede.stream.api.http.LocalReads;
import io.stampede.stream.extent.ExtentFile;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Duration;
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

/**
 * An extent node serving a read: {@link ExtentFile#read} of one block (offset of a block, at most
 * the block's size), which reads the record header and payload and verifies the payload's
 * CRC32C, as the extent node does for every read; and a reader on the same host reading the block
 * from the file itself ({@link LocalReads#readFile}: opens the file, checks its header, reads the
 * record in pieces on a worker thread and checks it), as front-ends and partition servers do. The blocks cycle through a 64 MiB extent that
 * was just written, so they come from the page cache: this measures the read path's CPU and
 * copies (syscalls, CRC, buffers), not the disk. The {@code mib} counter is MiB/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class BlockReadBenchmark {
  static final long EXTENT_BYTES = 64L << 20;

  @Param({"65536", "1048576"})
  public int blockBytes;

  private ScratchDir dir;
  private ExtentFile extent;
  private Vertx vertx;
  private BlockTransferClient network;
  private LocalReads local;
  private long[] offsets;
  private int next;


  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = ScratchDir.create("read");
    extent = ExtentFile.create(dir.path(), ExtentId.of("bench"), ExtentAppendBenchmark.BLOCK_BYTES_MAX);
    Random random = new Random(blockBytes);
    offsets = new long[(int) (EXTENT_BYTES / blockBytes)];
    for (int i = 0; i < offsets.length; i++) {
      byte[] payload = new byte[blockBytes];
      random.nextBytes(payload);
      offsets[i] = extent.append(List.of(Buffer.buffer(payload))).get(0);
    }
    extent.seal(-1);
    vertx = Vertx.vertx();
    network = BlockTransferClient.create(vertx, Duration.ofSeconds(10));
    local = LocalReads.create(vertx, network, new SimpleMeterRegistry(), "bench");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    network.close().compose(v -> vertx.close()).await(10, TimeUnit.SECONDS);
    extent.close();
    dir.close();
  }

  @Benchmark
  public ReadResult read(MibCounter counter) throws IOException {
    long offset = offsets[next];
    next = next + 1 == offsets.length ? 0 : next + 1;
    ReadResult r = extent.read(offset, blockBytes);
    if (r.blocks().size() != 1 || r.blocks().get(0).data().length() != blockBytes) {
      throw new IllegalStateException("read " + r.blocks().size() + " blocks at " + offset);
    }
    counter.add(blockBytes);
    return r;
  }

  @Benchmark
  public Buffer localRead(MibCounter counter) throws Exception {
    long offset = offsets[next];
    next = next + 1 == offsets.length ? 0 : next + 1;
    Buffer b = local.readFile(dir.path(), new ExtentPointer(ExtentId.of("bench"), offset, blockBytes))
        .await(10, TimeUnit.SECONDS);
    counter.add(b.length());
    return b;
  }
}

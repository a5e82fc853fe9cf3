package io.stampede.microbench;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.frontend.auth.Authentication;
import io.stampede.frontend.auth.ChunkSigner;
import io.stampede.frontend.auth.SigV4;
import io.stampede.frontend.http.AwsChunkedDecoder;
import io.stampede.frontend.testing.PiecesReadStream;
import io.stampede.frontend.testing.SdkSigned;
import io.stampede.frontend.testing.SdkSigned.Mode;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * The front end decoding a PUT body through {@link AwsChunkedDecoder}: the body the AWS SDK
 * frames (0x20000-byte chunks), in the 8 KiB pieces Vert.x's HTTP server delivers (its default
 * {@code maxChunkSize}), with the chunk-signature chain and the trailing CRC32 verified where the
 * mode has them. One invocation decodes a whole body. The {@code mib} counter is decoded MiB/s.
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class AwsChunkedDecodeBenchmark {
  static final int PIECE_BYTES = 8192;
  private static final Pattern CREDENTIAL = Pattern.compile("Credential=[^/]+/([^/]+)/([^/]+)/([^/]+)/");
  private static final Pattern SIGNATURE = Pattern.compile("Signature=([0-9a-f]{64})");

  @Param({"STREAMING_UNSIGNED_TRAILER", "STREAMING_SIGNED", "STREAMING_SIGNED_TRAILER"})
  public Mode mode;

  @Param({"1048576", "8388608"})
  public int objectBytes;

  private List<Buffer> pieces;
  private Optional<ChecksumAlgorithm> trailer;
  private long decodedLength;
  private byte[] signingKey;
  private String amzDate;
  private String scope;
  private String seedSignature;


  @Setup(Level.Trial)
  public void setUp() {
    Clock clock = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);
    byte[] data = new byte[objectBytes];
    new Random(objectBytes).nextBytes(data);
    SdkSigned s = BenchUser.sign(mode, SdkHttpMethod.PUT,
        "http://127.0.0.1:9000/bucket/some/key", data, clock);
    MultiMap h = s.headers();
    // the request itself must verify, and in the signed modes give the seed of the chunk chain
    Authentication auth = BenchUser.authenticator(clock).authenticate(s.method(), s.rawPath(), s.rawQuery(), h);
    if (auth.chunkSigner().isPresent() != (mode != Mode.STREAMING_UNSIGNED_TRAILER)) {
      throw new IllegalStateException(mode + " authenticated as " + auth.payloadMode());
    }
    pieces = new ArrayList<>();
    for (int at = 0; at < s.body().length; at += PIECE_BYTES) {
      pieces.add(Buffer.buffer().appendBytes(s.body(), at, Math.min(PIECE_BYTES, s.body().length - at)));
    }
    trailer = Optional.ofNullable(h.get("x-amz-trailer")).flatMap(ChecksumAlgorithm::fromHeader);
    decodedLength = Long.parseLong(h.get("x-amz-decoded-content-length"));
    Matcher c = CREDENTIAL.matcher(h.get("Authorization"));
    Matcher sig = SIGNATURE.matcher(h.get("Authorization"));
    if (!c.find() || !sig.find() || decodedLength != objectBytes) {
      throw new IllegalStateException("unexpected signed request " + h);
    }
    amzDate = h.get("x-amz-date");
    scope = SigV4.scope(c.group(1), c.group(2), c.group(3));
    signingKey = SigV4.signingKey(BenchUser.SECRET_KEY, c.group(1), c.group(2), c.group(3));
    seedSignature = sig.group(1);
  }

  @Benchmark
  public long decode(MibCounter counter, Blackhole bh) {
    // each body has its own signature chain, seeded by its request's signature
    Optional<ChunkSigner> signer = mode == Mode.STREAMING_UNSIGNED_TRAILER ? Optional.empty()
        : Optional.of(new ChunkSigner(signingKey, amzDate, scope, seedSignature));
    AwsChunkedDecoder decoder = new AwsChunkedDecoder(new PiecesReadStream(pieces), signer, trailer, decodedLength);
    long[] decoded = {0};
    boolean[] ended = {false};
    decoder.endHandler(v -> ended[0] = true);
    decoder.handler(b -> {
      decoded[0] += b.length();
      bh.consume(b);
    });
    if (!ended[0] || decoder.failure() != null || decoded[0] != decodedLength) {
      throw new IllegalStateException(mode + " body did not decode", decoder.failure());
    }
    counter.add(decoded[0]);
    return decoded[0];
  }
}

package io.stampede.microbench;

import io.stampede.frontend.auth.Authentication;
import io.stampede.frontend.auth.SigV4Authenticator;
import io.stampede.frontend.testing.SdkSigned;
import io.stampede.frontend.testing.SdkSigned.Mode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * The front end authenticating a request with {@link SigV4Authenticator#authenticate}: parse the
 * Authorization header, check scope and clock skew, build the canonical request, hash it and
 * HMAC the string to sign with the (cached, as in production) signing key, compare in constant
 * time. Requests are signed in set-up by the AWS SDK's own signer: a PutObject as the SDK sends
 * it by default over http (header-signed, {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}),
 * a ListObjectsV2 with a query string, and a presigned GET.
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SigV4VerifyBenchmark {
  private SigV4Authenticator authenticator;
  private SdkSigned putObject;
  private SdkSigned listObjects;
  private SdkSigned presignedGet;

  @Setup
  public void setUp() {
    Clock clock = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);
    authenticator = BenchUser.authenticator(clock);
    putObject = BenchUser.sign(Mode.STREAMING_SIGNED_TRAILER, SdkHttpMethod.PUT,
        "http://127.0.0.1:9000/bucket/photos/2025/03/img-0001.jpg?x-id=PutObject", new byte[4096], clock);
    listObjects = BenchUser.sign(Mode.SHA256, SdkHttpMethod.GET,
        "http://127.0.0.1:9000/bucket?list-type=2&prefix=photos%2F2025%2F&delimiter=%2F&max-keys=1000",
        new byte[0], clock);
    presignedGet = BenchUser.sign(Mode.PRESIGNED, SdkHttpMethod.GET,
        "http://127.0.0.1:9000/bucket/photos/2025/03/img-0001.jpg", new byte[0], clock);
    // all three must verify, or the benchmark measures the failure path
    putObject();
    listObjects();
    presignedGet();
  }

  @Benchmark
  public Authentication putObject() {
    return verify(putObject);
  }

  @Benchmark
  public Authentication listObjects() {
    return verify(listObjects);
  }

  @Benchmark
  public Authentication presignedGet() {
    return verify(presignedGet);
  }

  private Authentication verify(SdkSigned r) {
    return authenticator.authenticate(r.method(), r.rawPath(), r.rawQuery(), r.headers());
  }
}

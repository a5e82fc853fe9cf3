package io.stampede.microbench;

import io.stampede.frontend.auth.SigV4Authenticator;
import io.stampede.frontend.auth.Users;
import io.stampede.frontend.testing.SdkSigned;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;

/** The one user the signing benchmarks sign as, and the front end's verifier that knows it. */
final class BenchUser {
  static final String ACCESS_KEY = "stampede";
  static final String SECRET_KEY = "stampede-secret";

  private BenchUser() {}

  /** A request to {@code uri} signed by the AWS SDK's own signer ({@link SdkSigned}) at {@code clock}'s time. */
  static SdkSigned sign(SdkSigned.Mode mode, SdkHttpMethod method, String uri, byte[] body, Clock clock) {
    return SdkSigned.sign(mode, method, uri, body, ACCESS_KEY, SECRET_KEY, clock);
  }

  /** The front end's SigV4 verifier for this user in us-east-1 (the region {@link SdkSigned} signs for). */
  static SigV4Authenticator authenticator(Clock clock) {
    return new SigV4Authenticator(Users.of(Map.of(ACCESS_KEY, SECRET_KEY)), "us-east-1", Duration.ofMinutes(15), clock);
  }
}

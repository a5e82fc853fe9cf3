package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stampede.common.id.FrontendNodeId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The stamp's two front-ends behind its VIP and the global endpoint: a front-end killed under two
 * writers (one on each address) costs them no request beyond the SDK's own retries, takes no new
 * connection once killed, and takes them again once restarted. The victim is the front-end that
 * served the writers most.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FrontendFailoverIT {
  @TempDir Path dir;

  @Test
  void killingAFrontEndUnderLoadCostsOnlyRetries() throws Exception {
    try (MiniStamp stamp = MiniStamp.start(TestStamps.config(dir));
        S3Client s3a = TestStamps.s3(stamp); S3Client s3b = viaVip(stamp)) {
      TestStamps.describedOnFailure(stamp, () -> run(stamp, s3a, s3b));
    }
  }

  private void run(MiniStamp stamp, S3Client s3a, S3Client s3b) throws Exception {
    s3a.createBucket(b -> b.bucket("fe-a"));
    s3b.createBucket(b -> b.bucket("fe-b"));
    try (PutLoad a = new PutLoad(s3a, "fe-a", 21L, 300).start();
        PutLoad b = new PutLoad(s3b, "fe-b", 22L, 300).start()) {
      await("both writers under way").atMost(Duration.ofSeconds(60)).until(() -> a.acked() >= 5 && b.acked() >= 5);
      // the victim: the front-end that served the writers most, so a writer's connection is on it
      FrontendNodeId fe1 = FrontendNodeId.of("fe1");
      FrontendNodeId fe2 = FrontendNodeId.of("fe2");
      FrontendNodeId victim = requestsServedBy(stamp, fe1) >= requestsServedBy(stamp, fe2) ? fe1 : fe2;
      assertThat(requestsServedBy(stamp, victim)).as(victim + " serves").isGreaterThan(10);

      long killedAt = System.nanoTime();
      stamp.killFrontend(victim);
      int ackedAtKill = a.acked() + b.acked();
      await("both writers go on").atMost(Duration.ofSeconds(60))
          .until(() -> a.acked() + b.acked() >= ackedAtKill + 20 && a.acked() > 10 && b.acked() > 10);
      System.out.printf("FrontendFailoverIT: %s killed; %d PUTs acknowledged since, in %d ms%n", victim,
          a.acked() + b.acked() - ackedAtKill, (System.nanoTime() - killedAt) / 1_000_000);
      double servedAfterKill = requestsServedBy(stamp, victim); // requests cut by the kill have ended
      putThroughNewConnections(stamp, "while-down");
      assertThat(requestsServedBy(stamp, victim)).as("a killed front-end takes no new connection")
          .isEqualTo(servedAfterKill);

      stamp.restartFrontend(victim);
      putThroughNewConnections(stamp, "after-restart");
      assertThat(requestsServedBy(stamp, victim)).as("new connections reach the restarted front-end")
          .isGreaterThan(servedAfterKill);
      assertThat(a.failures()).as("writer a: failures beyond the SDK's retries").isEmpty();
      assertThat(b.failures()).as("writer b: failures beyond the SDK's retries").isEmpty();
      a.close();
      b.close();
      StampInvariants.Report objects = TestStamps.readBack(s3a, a.ledger());
      StampInvariants.Report more = TestStamps.readBack(s3b, b.ledger());
      System.out.println("FrontendFailoverIT: acknowledged objects: " + objects + ", " + more);
      assertThat(objects.violations()).isEmpty();
      assertThat(more.violations()).isEmpty();
    }
  }

  /** Four PUTs, each from a new client on a new connection, two through the VIP, two through the global endpoint. */
  static void putThroughNewConnections(MiniStamp stamp, String key) {
    for (int i = 0; i < 4; i++) {
      try (S3Client fresh = i % 2 == 0 ? viaVip(stamp) : TestStamps.s3(stamp)) {
        fresh.putObject(r -> r.bucket("fe-a").key(key), RequestBody.fromString("x"));
      }
    }
  }

  static S3Client viaVip(MiniStamp stamp) {
    return TestStamps.s3(stamp.vip(), StampConfig.DEFAULT_ACCESS_KEY, StampConfig.DEFAULT_SECRET_KEY);
  }

  /** Requests the front-end answered, from its request timer. */
  static double requestsServedBy(MiniStamp stamp, FrontendNodeId fe) throws Exception {
    return TestStamps.metric(stamp, "stampede_frontend_requests_seconds_count", "node=\"" + fe + "\"");
  }
}

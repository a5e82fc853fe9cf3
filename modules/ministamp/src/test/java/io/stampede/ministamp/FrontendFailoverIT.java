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
 * The stamp's two front-ends behind its VIP: a front-end killed under two writers costs them no
 * request beyond the SDK's own retries, takes no request once killed, and takes requests again
 * once restarted. The victim is fe1, the front-end that bound the VIP's address first.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FrontendFailoverIT {
  static final FrontendNodeId VICTIM = FrontendNodeId.of("fe1");
  @TempDir Path dir;

  @Test
  void killingAFrontEndUnderLoadCostsOnlyRetries() throws Exception {
    try (MiniStamp stamp = MiniStamp.start(TestStamps.config(dir));
        S3Client s3a = TestStamps.s3(stamp); S3Client s3b = TestStamps.s3(stamp)) {
      TestStamps.describedOnFailure(stamp, () -> run(stamp, s3a, s3b));
    }
  }

  private void run(MiniStamp stamp, S3Client s3a, S3Client s3b) throws Exception {
    s3a.createBucket(b -> b.bucket("fe-a"));
    s3b.createBucket(b -> b.bucket("fe-b"));
    try (PutLoad a = new PutLoad(s3a, "fe-a", 21L, 300).start();
        PutLoad b = new PutLoad(s3b, "fe-b", 22L, 300).start()) {
      await("both writers under way").atMost(Duration.ofSeconds(60)).until(() -> a.acked() >= 5 && b.acked() >= 5);
      assertThat(requestsServedBy(stamp, FrontendNodeId.of("fe1"))).as("fe1 serves").isPositive();
      assertThat(requestsServedBy(stamp, FrontendNodeId.of("fe2"))).as("fe2 serves").isPositive();

      long killedAt = System.nanoTime();
      stamp.killFrontend(VICTIM);
      double servedAtKill = requestsServedBy(stamp, VICTIM);
      int ackedAtKill = a.acked() + b.acked();
      await("both writers go on").atMost(Duration.ofSeconds(60))
          .until(() -> a.acked() + b.acked() >= ackedAtKill + 20 && a.acked() > 10 && b.acked() > 10);
      System.out.printf("FrontendFailoverIT: %s killed; %d PUTs acknowledged since, in %d ms%n", VICTIM,
          a.acked() + b.acked() - ackedAtKill, (System.nanoTime() - killedAt) / 1_000_000);
      assertThat(requestsServedBy(stamp, VICTIM)).as("a killed front-end serves nothing").isEqualTo(servedAtKill);

      stamp.restartFrontend(VICTIM);
      for (int i = 0; i < 4; i++) {
        try (S3Client fresh = TestStamps.s3(stamp)) { // a new client: a new connection, handed out in turn
          fresh.putObject(r -> r.bucket("fe-a").key("after-restart"), RequestBody.fromString("x"));
        }
      }
      assertThat(requestsServedBy(stamp, VICTIM)).as("new connections reach the restarted front-end")
          .isGreaterThan(servedAtKill);
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

  /** Requests the front-end answered, from its request timer. */
  static double requestsServedBy(MiniStamp stamp, FrontendNodeId fe) throws Exception {
    return TestStamps.metric(stamp, "stampede_frontend_requests_seconds_count", "node=\"" + fe + "\"");
  }
}

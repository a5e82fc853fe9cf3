package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ManagerPeerId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The stream manager's Raft leader dies under a writer (issue 3, test d). Appends to open extents
 * go straight to extent nodes, and what needs the manager (rolling over 2 MiB extents) waits for
 * the new leader: PUTs must keep succeeding, another peer must lead, and nothing acknowledged may
 * be lost. Prints the time from the kill to the first successful PUT and to the first extent the
 * new leader opened.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StreamManagerFailoverIT {
  static final Duration PUTS_RESUME_MAX = Duration.ofSeconds(10);
  @TempDir Path dir;

  @Test
  void writesContinueWhenTheStreamManagerLeaderDies() throws Exception {
    try (MiniStamp stamp = TestStamps.failureStamp(dir).start(); S3Client s3 = TestStamps.s3(stamp)) {
      TestStamps.describedOnFailure(stamp, () -> run(stamp, s3));
    }
  }

  private void run(MiniStamp stamp, S3Client s3) throws Exception {
    s3.createBucket(b -> b.bucket("steady"));
    PutLoad load = new PutLoad(s3, "steady", 23L, 300).start();
    ManagerPeerId old;
    try (load) {
      await("20 PUTs and a sealed extent before the kill").atMost(Duration.ofSeconds(90))
          .until(() -> load.acked() >= 20 && stamp.describe().sealedExtents() > 0);
      Set<ExtentId> before = extentIds(stamp);

      long killAt = System.nanoTime();
      old = stamp.killStreamManagerLeader();
      long killed = System.nanoTime();
      int failuresBefore = load.failures().size();
      int ackedAtKill = load.acked();
      System.out.printf("StreamManagerFailoverIT: killed stream manager leader %s in %d ms after %d PUTs (%d MiB)%n",
          old, (killed - killAt) / 1_000_000, load.acked(), load.ackedBytes() >> 20);

      await("a PUT started after the kill succeeds").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> load.firstStartedAfter(killed).isPresent() || !load.running());
      PutLoad.Ack first = load.firstStartedAfter(killed).orElseThrow(
          () -> new AssertionError("no PUT succeeded after the kill; failures: " + load.failures()));
      long resumeMs = (first.ackedNanos() - killAt) / 1_000_000;
      System.out.printf("StreamManagerFailoverIT: first successful PUT %d ms after the kill (%d PUTs failed meanwhile)%n",
          resumeMs, load.failures().size() - failuresBefore);
      assertThat(Duration.ofMillis(resumeMs)).as("time from the kill to the first successful PUT")
          .isLessThanOrEqualTo(PUTS_RESUME_MAX);

      await("another peer leads").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
          .until(() -> stamp.streamManagerLeader().filter(l -> !l.equals(old)).isPresent());
      ManagerPeerId leader = stamp.streamManagerLeader().orElseThrow();
      long leaderMs = (System.nanoTime() - killAt) / 1_000_000;

      await("the new leader opens an extent (a rollover)").atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(20)).until(() -> newExtent(stamp, before).isPresent() || !load.running());
      ExtentId opened = newExtent(stamp, before).orElseThrow(
          () -> new AssertionError("the writer stopped before any rollover by the new leader"));
      long rolloverMs = (System.nanoTime() - killAt) / 1_000_000;
      System.out.printf("StreamManagerFailoverIT: new leader %s serving within %d ms; first extent it opened"
          + " (%s) within %d ms of the kill%n", leader, leaderMs, opened, rolloverMs);
      await("50 more PUTs under the new leader").atMost(Duration.ofSeconds(120))
          .until(() -> load.acked() >= ackedAtKill + 50 || !load.running());
      assertThat(load.acked()).as("PUTs acknowledged after the kill").isGreaterThanOrEqualTo(ackedAtKill + 50);
      assertThat(stamp.streamManagerLeader()).as("the new leader still leads").contains(leader);
    }
    await("fully replicated after the writer stopped").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250)).until(() -> RackFailureIT.fullyReplicated(stamp));
    StampInvariants.Report replicas = stamp.checkSealedReplicas();
    System.out.println("StreamManagerFailoverIT: sealed replicas: " + replicas);
    assertThat(replicas.violations()).as("sealed replica invariant").isEmpty();

    StampInvariants.Report objects = TestStamps.readBack(s3, load.ledger());
    System.out.println("StreamManagerFailoverIT: acknowledged objects: " + objects);
    assertThat(objects.violations()).as("every acknowledged PUT reads back byte-identical").isEmpty();

    // The killed peer rejoins from its Raft log; with the second leader killed too, the group
    // needs it for a majority, and writes that roll extents over still go through.
    stamp.restartStreamManagerPeer(old);
    ManagerPeerId second = stamp.killStreamManagerLeader();
    await("a third leader").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
        .until(() -> stamp.streamManagerLeader().filter(l -> !l.equals(second)).isPresent());
    s3.createBucket(b -> b.bucket("steady-2"));
    PutLoad after = new PutLoad(s3, "steady-2", 29L, 12).start();
    await("12 PUTs").atMost(Duration.ofSeconds(120)).until(() -> !after.running());
    after.close();
    assertThat(after.failures()).as("PUTs after the restart and a second leader kill").isEmpty();
    assertThat(after.acked()).isEqualTo(12);
    assertThat(TestStamps.readBack(s3, after.ledger()).violations()).isEmpty();
    System.out.printf("StreamManagerFailoverIT: %s rejoined; after killing %s too, %s leads and %d more PUTs"
        + " succeeded%n", old, second, stamp.streamManagerLeader().orElseThrow(), after.acked());
  }

  private static Set<ExtentId> extentIds(MiniStamp stamp) {
    return stamp.describe().extents().stream().map(StampStatus.ExtentStatus::id).collect(Collectors.toSet());
  }

  /** An extent none of whose ids existed before the kill: only the new leader opens extents now. */
  private static Optional<ExtentId> newExtent(MiniStamp stamp, Set<ExtentId> before) {
    try {
      return extentIds(stamp).stream().filter(e -> !before.contains(e)).findFirst();
    } catch (RuntimeException noLeaderYet) {
      return Optional.empty();
    }
  }
}

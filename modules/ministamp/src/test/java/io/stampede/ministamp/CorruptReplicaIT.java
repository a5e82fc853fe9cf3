package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.stampede.common.id.ExtentNodeId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Flip one byte of one replica file on disk: every GET still returns the right bytes (the read
 * verifies checksums and falls back to another replica) and the replica is repaired.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CorruptReplicaIT {
  @TempDir Path dir;

  @Test
  void aFlippedByteIsNeverServedAndGetsRepaired() throws Exception {
    try (MiniStamp stamp = TestStamps.failureStamp(dir).start(); S3Client s3 = TestStamps.s3(stamp)) {
      TestStamps.describedOnFailure(stamp, () -> run(stamp, s3));
    }
  }

  private void run(MiniStamp stamp, S3Client s3) throws Exception {
    s3.createBucket(b -> b.bucket("fragile"));
    Map<String, byte[]> written = new LinkedHashMap<>();
    Random random = new Random(23);
    for (int i = 0; i < 24; i++) {
      byte[] data = new byte[256 * 1024 + random.nextInt(450 * 1024)];
      random.nextBytes(data);
      String key = "obj-" + i;
      s3.putObject(b -> b.bucket("fragile").key(key), RequestBody.fromBytes(data));
      written.put(key, data);
    }
    StampInvariants.Report before = stamp.checkSealedReplicas();
    assertThat(before.violations()).as("replicas before the flip").isEmpty();

    // The largest sealed extent holds object bytes; corrupt its primary, which reads try first.
    StampStatus.ExtentStatus victim = stamp.describe().extents().stream().filter(StampStatus.ExtentStatus::sealed)
        .max(Comparator.comparingLong(StampStatus.ExtentStatus::length)).orElseThrow();
    ExtentNodeId node = victim.replicas().get(0);
    Path file = stamp.extentsDir(node).resolve(victim.id().value() + ".ext");
    long flipped = flipPayloadByte(file);
    long flippedAt = System.nanoTime();
    System.out.printf("CorruptReplicaIT: flipped the byte at file offset %d of %s (%s, %d bytes sealed) on %s%n",
        flipped, victim.id(), victim.stream(), victim.length(), node);

    for (Map.Entry<String, byte[]> e : written.entrySet()) {
      byte[] got = s3.getObjectAsBytes(b -> b.bucket("fragile").key(e.getKey())).asByteArray();
      assertArrayEquals(e.getValue(), got, e.getKey());
    }

    await("the corrupt replica is repaired").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> stamp.checkSealedReplicas().ok());
    System.out.printf("CorruptReplicaIT: repaired %d ms after the flip%n", (System.nanoTime() - flippedAt) / 1_000_000);
    assertThat(RackFailureIT.fullyReplicated(stamp)).as("3 replicas on 3 racks for every extent").isTrue();

    Map<String, byte[]> ledger = new LinkedHashMap<>();
    written.forEach((k, v) -> ledger.put("fragile/" + k, PutLoad.md5(v)));
    StampInvariants.Report objects = TestStamps.readBack(s3, ledger);
    assertThat(objects.violations()).as("every acknowledged PUT reads back").isEmpty();
  }

  /**
   * Flips one payload byte in the middle record of an extent file (format version 1: header
   * length at offset 6, then records of u32 length, u32 CRC32C, payload); returns its offset.
   */
  static long flipPayloadByte(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer header = ByteBuffer.allocate(8);
      ch.read(header, 0);
      int headerBytes = Short.toUnsignedInt(header.getShort(6));
      List<long[]> records = new ArrayList<>();
      long pos = headerBytes;
      ByteBuffer rec = ByteBuffer.allocate(8);
      while (pos + 8 <= ch.size()) {
        rec.clear();
        ch.read(rec, pos);
        long length = Integer.toUnsignedLong(rec.getInt(0));
        if (length == 0 || pos + 8 + length > ch.size()) {
          break;
        }
        records.add(new long[] {pos + 8, length});
        pos += 8 + length;
      }
      assertThat(records).as("records in " + file).isNotEmpty();
      long[] middle = records.get(records.size() / 2);
      long at = middle[0] + middle[1] / 2;
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, at);
      one.put(0, (byte) (one.get(0) ^ 0xFF));
      one.rewind();
      ch.write(one, at);
      ch.force(true);
      return at;
    }
  }
}

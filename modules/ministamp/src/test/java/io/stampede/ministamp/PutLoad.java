package io.stampede.ministamp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A writer thread that keeps PUTting objects of mixed sizes (log-uniform between 1 KiB and
 * 3 MiB, contents from a seed) under unique keys, and records every acknowledged PUT: its MD5 and
 * when it started and was acknowledged. Bounded: stops by itself after {@code maxObjects}.
 */
final class PutLoad implements AutoCloseable {
  static final int SIZE_MIN = 1024;
  static final int SIZE_MAX = 3 << 20;

  /** One acknowledged PUT. */
  record Ack(String name, byte[] md5, int size, long startedNanos, long ackedNanos) {}

  private final S3Client s3;
  private final String bucket;
  private final Random random;
  private final int maxObjects;
  private final List<Ack> acks = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final Thread thread;
  private volatile boolean stopped;

  PutLoad(S3Client s3, String bucket, long seed, int maxObjects) {
    this.s3 = s3;
    this.bucket = bucket;
    this.random = new Random(seed);
    this.maxObjects = maxObjects;
    this.thread = new Thread(this::run, "put-load-" + bucket);
    thread.setDaemon(true);
  }

  PutLoad start() {
    thread.start();
    return this;
  }

  private void run() {
    for (int i = 0; i < maxObjects && !stopped; i++) {
      int size = (int) Math.exp(Math.log(SIZE_MIN) + random.nextDouble() * (Math.log(SIZE_MAX) - Math.log(SIZE_MIN)));
      byte[] data = new byte[size];
      random.nextBytes(data);
      String key = String.format("obj-%05d", i);
      long started = System.nanoTime();
      try {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
        Ack ack = new Ack(bucket + "/" + key, md5(data), size, started, System.nanoTime());
        synchronized (this) {
          acks.add(ack);
        }
      } catch (RuntimeException e) {
        synchronized (this) {
          failures.add(key + " (" + size + " B) after " + (System.nanoTime() - started) / 1_000_000 + " ms: " + e);
        }
      }
    }
  }

  static byte[] md5(byte[] data) {
    try {
      return MessageDigest.getInstance("MD5").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  synchronized int acked() {
    return acks.size();
  }

  synchronized long ackedBytes() {
    return acks.stream().mapToLong(Ack::size).sum();
  }

  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  /** The first acknowledged PUT that started after {@code nanos}. */
  synchronized Optional<Ack> firstStartedAfter(long nanos) {
    return acks.stream().filter(a -> a.startedNanos() > nanos).findFirst();
  }

  /** Every acknowledged object: {@code bucket/key} to MD5. */
  synchronized Map<String, byte[]> ledger() {
    Map<String, byte[]> ledger = new LinkedHashMap<>();
    acks.forEach(a -> ledger.put(a.name(), a.md5()));
    return ledger;
  }

  boolean running() {
    return thread.isAlive();
  }

  /** Stops after the PUT in flight and waits for the thread. */
  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.join(120_000);
  }
}

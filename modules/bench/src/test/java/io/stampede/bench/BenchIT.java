package io.stampede.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.ministamp.MiniStamp;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./stamp bench --endpoint ... --scale 0.01 --json FILE} against an in-process stamp:
 * every workload produces a figure, reads were verified, the JSON holds it all, and the bench
 * leaves no temporary directory behind.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BenchIT {
  @TempDir Path dir;

  @Test
  void everyWorkloadRunsAndEveryReadIsVerified() throws Exception {
    try (MiniStamp stamp = MiniStamp.builder(dir.resolve("stamp")).start()) {
      Path json = dir.resolve("bench.json");
      Path work = Files.createDirectories(dir.resolve("work"));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int exit = BenchMain.run(new String[] {"--endpoint", "http://" + stamp.s3Endpoint(),
          "--server-pid", Long.toString(ProcessHandle.current().pid()), "--name", "ministamp",
          "--scale", "0.01", "--warmup", "0.01", "--rounds", "2", "--json", json.toString(), "--work-dir", work.toString()},
          new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
      String table = out.toString(StandardCharsets.UTF_8);
      System.out.println(table);
      assertThat(exit).isEqualTo(BenchMain.EXIT_OK);
      assertThat(table).contains("ministamp", "4 KiB PUT", "mixed 70% GET / 30% PUT", "loopback TCP copy",
          "median of 2 rounds");

      JsonObject report = new JsonObject(Files.readString(json));
      assertThat(report.getDouble("warmup")).isEqualTo(0.01);
      assertThat(report.getInteger("rounds")).isEqualTo(2);
      JsonObject server = report.getJsonArray("servers").getJsonObject(0);
      JsonObject workloads = server.getJsonObject("workloads");
      assertThat(workloads.fieldNames()).containsExactlyInAnyOrder("put_4k", "get_4k", "put_1m", "get_1m",
          "put_64m", "get_64m", "multipart_put", "multipart_get", "list", "mixed");
      for (String id : workloads.fieldNames()) {
        JsonObject w = workloads.getJsonObject(id);
        assertThat(w.getDouble("value")).as(id).isPositive();
        assertThat(w.getDouble("p99_ms")).as(id).isGreaterThanOrEqualTo(w.getDouble("p50_ms")).isPositive();
        assertThat(w.getLong("requests")).as(id).isPositive();
      }
      // per round: 40 + 40 warm-up 4 KiB GETs, 8 + 8 of 1 MiB, 1 + 1 of 64 MiB, 1 + 1 multipart, the
      // mixed load's GETs; both rounds count
      assertThat(server.getLong("verified_reads")).isGreaterThan(200);
      assertThat(server.getLong("verified_bytes")).isGreaterThan(8L * (64 << 20));
      assertThat(server.getDouble("cpu_seconds")).isPositive();
      assertThat(server.getLong("peak_rss_bytes")).isPositive();
      JsonObject machine = report.getJsonObject("machine");
      assertThat(machine.getDouble("fsync_write_mib_s")).isPositive();
      assertThat(machine.getDouble("loopback_copy_mib_s")).isPositive();
      assertThat(machine.getDouble("md5_mib_s")).isPositive();
      try (Stream<Path> left = Files.list(work)) {
        assertThat(left).as("the bench's temporary directory is removed").isEmpty();
      }
    }
  }
}

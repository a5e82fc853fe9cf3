package io.stampede.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
  static BenchReport twoServers() {
    ServerReport stampede = new ServerReport("stampede", URI.create("http://127.0.0.1:9000"), 1234,
        List.of(new PhaseResult("put_4k", "4 KiB PUT", Unit.OPS, 200, 12.5, 40, 600, 600, 3_000_000_000L, 4.5),
            new PhaseResult("get_64m", "64 MiB GET", Unit.MIB, 80, 1600, 1700, 4, 4L << 26, 3_200_000_000L, 2)),
        30.25, 750L << 20, 640, 123456);
    ServerReport s3proxy = new ServerReport("s3proxy", URI.create("http://127.0.0.1:9100"), -1,
        List.of(new PhaseResult("put_4k", "4 KiB PUT", Unit.OPS, 400, 6, 20, 600, 600, 1_500_000_000L, Double.NaN),
            new PhaseResult("get_64m", "64 MiB GET", Unit.MIB, 160, 800, 900, 4, 4L << 26, 1_600_000_000L,
                Double.NaN)),
        Double.NaN, -1, 640, 123456);
    return new BenchReport(Instant.parse("2026-01-02T03:04:05Z"), 0.2, 0.5, 3, new MachineCeilings(2, 250, 1000, 600),
        List.of(stampede, s3proxy));
  }

  @Test
  void oneRowPerWorkloadWithBothServersAndTheRatio() {
    String table = ResultTable.render(twoServers());
    System.out.println(table);
    assertThat(table).contains("scale 0.200, median of 3 rounds (after a warm-up at scale 0.500), 2 cores");
    assertThat(table).containsPattern("workload +unit +stampede +p50 ms +p99 ms +s3proxy +p50 ms +p99 ms +ratio");
    assertThat(table).containsPattern("4 KiB PUT +ops/s +200 +12.5 +40.0 +400 +6.00 +20.0 +0.50");
    assertThat(table).containsPattern("64 MiB GET +MiB/s +80.0 +1600 +1700 +160 +800 +900 +0.50");
    assertThat(table).containsPattern("CPU seconds over the workloads \\(a round\\) +30.3 +-");
    assertThat(table).containsPattern("peak RSS \\(MiB\\) +750 +-");
    assertThat(table).containsPattern("reads verified.* +640 +640");
    assertThat(table).contains("fsync'd sequential write (1 MiB writes) 250 MiB/s", "loopback TCP copy 1000 MiB/s",
        "MD5 on one core 600 MiB/s", "ratio: stampede / s3proxy");
  }

  @Test
  void oneServerHasNoRatio() {
    BenchReport two = twoServers();
    BenchReport one = new BenchReport(two.started(), 1, 0, 1, two.machine(), List.of(two.servers().get(0)));
    String table = ResultTable.render(one);
    assertThat(table).doesNotContain("ratio").doesNotContain("s3proxy").contains("scale 1.00 (cold servers)");
    assertThat(ResultJson.render(one)).doesNotContain("ratios");
  }

  @Test
  void jsonHasStableKeysAndEveryFigure() {
    JsonObject json = new JsonObject(ResultJson.render(twoServers()));
    assertThat(json.getInteger("version")).isEqualTo(1);
    assertThat(json.getString("started")).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(json.getDouble("scale")).isEqualTo(0.2);
    assertThat(json.getDouble("warmup")).isEqualTo(0.5);
    assertThat(json.getInteger("rounds")).isEqualTo(3);
    assertThat(json.getJsonObject("machine").fieldNames())
        .containsExactlyInAnyOrder("cores", "fsync_write_mib_s", "loopback_copy_mib_s", "md5_mib_s");
    JsonObject stampede = json.getJsonArray("servers").getJsonObject(0);
    assertThat(stampede.fieldNames()).containsExactlyInAnyOrder("name", "endpoint", "pid", "cpu_seconds",
        "peak_rss_bytes", "verified_reads", "verified_bytes", "workloads");
    assertThat(stampede.getLong("peak_rss_bytes")).isEqualTo(750L << 20);
    JsonObject put = stampede.getJsonObject("workloads").getJsonObject("put_4k");
    assertThat(put.fieldNames()).containsExactlyInAnyOrder("label", "unit", "value", "p50_ms", "p99_ms", "requests",
        "amount", "seconds", "server_cpu_seconds");
    assertThat(put.getDouble("value")).isEqualTo(200.0);
    assertThat(put.getString("unit")).isEqualTo("ops/s");
    JsonObject s3proxy = json.getJsonArray("servers").getJsonObject(1);
    assertThat(s3proxy.getValue("pid")).isNull();
    assertThat(s3proxy.getValue("cpu_seconds")).isNull();
    assertThat(json.getJsonObject("ratios").getDouble("get_64m")).isEqualTo(0.5);
  }

  @Test
  void jsonStringsAreEscaped() {
    assertThat(ResultJson.string("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    assertThat(ResultJson.number(1.5)).isEqualTo("1.5");
    assertThat(ResultJson.number(2)).isEqualTo("2.0");
    assertThat(ResultJson.number(Double.NaN)).isEqualTo("null");
  }
}

package io.stampede.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stampede.ministamp.StampConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  @Test
  void defaultsStartAStampWithItsDefaultUser() {
    BenchOptions o = BenchOptions.parse(new String[0]);
    assertThat(o.endpoint()).isNull();
    assertThat(o.name()).isEqualTo("stampede");
    assertThat(o.accessKey()).isEqualTo(StampConfig.DEFAULT_ACCESS_KEY);
    assertThat(o.secretKey()).isEqualTo(StampConfig.DEFAULT_SECRET_KEY);
    assertThat(o.scale()).isEqualTo(1.0);
    assertThat(o.warmup()).isEqualTo(BenchOptions.WARMUP_DEFAULT);
    assertThat(o.rounds()).isEqualTo(1);
    assertThat(o.s3proxyReference()).isFalse();
    assertThat(o.json()).isNull();
    assertThat(o.serverPid()).isEqualTo(-1);
  }

  @Test
  void anEndpointWithEverything() {
    BenchOptions o = BenchOptions.parse(new String[] {"--endpoint", "http://127.0.0.1:9500", "--access-key", "ak",
        "--secret-key", "sk", "--server-pid", "77", "--reference", "s3proxy", "--scale", "0.2", "--warmup", "0", "--rounds", "3", "--json",
        "out.json", "--name", "minio", "--s3proxy-jar", "/x/s3proxy.jar", "--work-dir", "/var/tmp"});
    assertThat(o.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9500"));
    assertThat(o.name()).isEqualTo("minio");
    assertThat(o.accessKey()).isEqualTo("ak");
    assertThat(o.secretKey()).isEqualTo("sk");
    assertThat(o.serverPid()).isEqualTo(77);
    assertThat(o.s3proxyReference()).isTrue();
    assertThat(o.scale()).isEqualTo(0.2);
    assertThat(o.warmup()).isZero();
    assertThat(o.rounds()).isEqualTo(3);
    assertThat(BenchOptions.parse(new String[] {"--warmup", "0.05"}).warmup()).isEqualTo(0.05);
    assertThat(o.json()).isEqualTo(Path.of("out.json"));
    assertThat(o.s3proxyJar()).isEqualTo(Path.of("/x/s3proxy.jar"));
    assertThat(o.workDir()).isEqualTo(Path.of("/var/tmp"));
    assertThat(BenchOptions.parse(new String[] {"--endpoint", "http://h:1"}).name()).isEqualTo("server");
  }

  @Test
  void badFlagsAreUsageErrors() {
    String[][] bad = {
        {"--nope", "1"}, {"--scale"}, {"--scale", "0"}, {"--scale", "-1"}, {"--scale", "abc"}, {"--scale", "1000"},
        {"--warmup", "-1"}, {"--warmup", "cold"}, {"--warmup"}, {"--rounds", "0"}, {"--rounds", "1.5"},
        {"--rounds", "21"},
        {"--reference", "minio"}, {"--endpoint", "127.0.0.1:9000"}, {"--endpoint", "ftp://h/"},
        {"--endpoint", "http://h:1", "--server-pid", "x"}, {"--server-pid", "5"}};
    for (String[] args : bad) {
      assertThatThrownBy(() -> BenchOptions.parse(args)).as(String.join(" ", args))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void mainAnswersUsageErrorsWithExitTwoAndHelpWithZero() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = BenchMain.run(new String[] {"--scale", "zero"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(BenchMain.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--scale needs a number", "usage: ./stamp bench");
    assertThat(BenchMain.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(BenchMain.EXIT_OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: ./stamp bench", "--reference s3proxy");
  }
}

package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stampede.frontend.auth.User;
import io.stampede.partition.throttle.RateLimit;
import io.stampede.partition.throttle.RequestRateLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StampMainTest {
  @TempDir Path dir;

  @Test
  void dnsAnswersOn5353UnlessToldOtherwise() {
    assertThat(StampMain.parseUp(new String[] {"up"}, name -> null).dnsPort()).isEqualTo(5353);
    assertThat(StampMain.parseUp(new String[] {"up", "--dns-port", "5400"}, name -> null).dnsPort()).isEqualTo(5400);
    assertThatThrownBy(() -> StampMain.parseUp(new String[] {"up", "--dns-port", "0"}, name -> null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DNS port");
    assertThat(new PortPlan(20000).applyTo(StampConfig.defaults(dir)).dnsPort()).isEqualTo(20002);
  }

  @Test
  void upHasTheDefaultUserOrTheEnvironmentsAndTheUsersFilesToo() throws Exception {
    StampConfig plain = StampMain.parseUp(new String[] {"up"}, name -> null);
    assertThat(plain.users().accessKeys()).containsExactly(StampConfig.DEFAULT_ACCESS_KEY);
    assertThat(plain.users().byAccessKey("stampede").map(User::secretKey)).contains(StampConfig.DEFAULT_SECRET_KEY);

    Path file = dir.resolve("users");
    Files.writeString(file, "# team\nalice alice-secret Alice Liddell\nbob bob-secret\n");
    Map<String, String> env = Map.of("STAMP_ACCESS_KEY", "admin", "STAMP_SECRET_KEY", "admin-secret");
    StampConfig c = StampMain.parseUp(new String[] {"up", "--users", file.toString(), "--port", "9100"}, env::get);
    assertThat(c.users().accessKeys()).containsExactly("admin", "alice", "bob");
    assertThat(c.users().byAccessKey("admin").map(User::secretKey)).contains("admin-secret");
    assertThat(c.users().byAccessKey("alice").map(User::displayName)).contains("Alice Liddell");
    assertThat(c.basePort()).isEqualTo(9100);
  }

  @Test
  void aBadOrMissingUsersFileIsAUsageError() throws Exception {
    Path file = dir.resolve("users");
    Files.writeString(file, "alice\n");
    assertThatThrownBy(() -> StampMain.parseUp(new String[] {"up", "--users", file.toString()}, name -> null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
    assertThatThrownBy(() -> StampMain.parseUp(new String[] {"up", "--users", dir.resolve("none").toString()},
        name -> null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");
    assertThatThrownBy(() -> StampMain.parseUp(new String[] {"up", "--users"}, name -> null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing value");
  }

  @Test
  void thePartMinimumIsS3sUnlessLoweredOrTurnedOff() {
    assertThat(StampMain.parseUp(new String[] {"up"}, name -> null).partBytesMin()).isEqualTo(5L << 20);
    assertThat(StampMain.parseUp(new String[] {"up", "--part-bytes-min", "0"}, name -> null).partBytesMin())
        .isZero();
    assertThatThrownBy(() -> StampMain.parseUp(new String[] {"up", "--part-bytes-min", "-1"}, name -> null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lifecycleTimingFlags() {
    StampConfig defaults = StampMain.parseUp(new String[] {"up"}, name -> null);
    assertThat(defaults.lifecycle().interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(defaults.lifecycle().dayLength()).isEqualTo(Duration.ofDays(1));
    StampConfig fast = StampMain.parseUp(new String[] {"up", "--lifecycle-interval-seconds", "2",
        "--lifecycle-day-seconds", "5"}, name -> null);
    assertThat(fast.lifecycle().interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(fast.lifecycle().dayLength()).isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> StampMain.parseUp(new String[] {"up", "--lifecycle-day-seconds", "0"}, name -> null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requestRateLimitFlags() {
    StampConfig defaults = StampMain.parseUp(new String[] {"up"}, name -> null);
    assertThat(defaults.requestLimits()).isEqualTo(RequestRateLimits.defaults());
    StampConfig low = StampMain.parseUp(new String[] {"up", "--bucket-rate-limit", "50", "--range-rate-limit", "0"},
        name -> null);
    assertThat(low.requestLimits().bucket()).isEqualTo(new RateLimit(50, 50));
    assertThat(low.requestLimits().range().unlimited()).isTrue();
    assertThatThrownBy(() -> StampMain.parseUp(new String[] {"up", "--bucket-rate-limit", "-5"}, name -> null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--bucket-rate-limit");
  }
}

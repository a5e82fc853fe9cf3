package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StampMainTest {
  @Test
  void lifecycleTimingFlags() {
    StampConfig defaults = StampMain.parseUp(new String[] {"up"});
    assertThat(defaults.lifecycle().interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(defaults.lifecycle().dayLength()).isEqualTo(Duration.ofDays(1));
    StampConfig fast = StampMain.parseUp(new String[] {"up", "--lifecycle-interval-seconds", "2",
        "--lifecycle-day-seconds", "5", "--port", "9200"});
    assertThat(fast.lifecycle().interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(fast.lifecycle().dayLength()).isEqualTo(Duration.ofSeconds(5));
    assertThat(fast.basePort()).isEqualTo(9200);
    assertThatThrownBy(() -> StampMain.parseUp(new String[] {"up", "--lifecycle-day-seconds", "0"}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package io.stampede.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
  @Test
  void nearestRankPercentilesOfOneToHundredMs() {
    LatencyRecorder r = new LatencyRecorder();
    for (int ms = 100; ms >= 1; ms--) { // out of order on purpose
      r.record(ms * 1_000_000L);
    }
    assertThat(r.count()).isEqualTo(100);
    assertThat(r.percentileMs(0.50)).isEqualTo(50.0);
    assertThat(r.percentileMs(0.99)).isEqualTo(99.0);
    assertThat(r.percentileMs(1.0)).isEqualTo(100.0);
    assertThat(r.percentileMs(0.001)).isEqualTo(1.0);
  }

  @Test
  void smallSamplesAndGrowth() {
    LatencyRecorder r = new LatencyRecorder();
    assertThat(r.percentileMs(0.5)).isNaN();
    r.record(3_000_000);
    assertThat(r.percentileMs(0.5)).isEqualTo(3.0);
    assertThat(r.percentileMs(0.99)).isEqualTo(3.0);
    r.record(1_000_000);
    assertThat(r.percentileMs(0.5)).isEqualTo(1.0);
    assertThat(r.percentileMs(0.99)).isEqualTo(3.0);
    for (int i = 0; i < 5000; i++) {
      r.record(2_000_000);
    }
    assertThat(r.count()).isEqualTo(5002);
    assertThat(r.percentileMs(0.99)).isEqualTo(2.0);
  }

  @Test
  void refusesNonsense() {
    LatencyRecorder r = new LatencyRecorder();
    assertThatThrownBy(() -> r.record(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.percentileMs(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.percentileMs(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ratesPerUnit() {
    assertThat(Unit.OPS.rate(500, 2_000_000_000L)).isEqualTo(250.0);
    assertThat(Unit.MIB.rate(64L << 20, 500_000_000L)).isEqualTo(128.0);
    assertThat(Unit.KEYS.rate(1000, 0)).isNaN();
  }
}

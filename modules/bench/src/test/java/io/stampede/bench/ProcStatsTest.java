package io.stampede.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatsTest {
  @Test
  void cpuSecondsAreUtimePlusStimeInHundredths() {
    // A command name with a space and a parenthesis, as /proc allows.
    String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 12345 0 3 0 1234 566 0 0 20 0 40 0 100 0 0";
    assertThat(ProcStats.parseCpuSeconds(stat)).isEqualTo(18.0);
  }

  @Test
  void peakRssIsVmHwmInBytes() {
    String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  716800 kB\nVmRSS:\t  600000 kB\n";
    assertThat(ProcStats.parsePeakRssBytes(status)).isEqualTo(716800L * 1024);
    assertThat(ProcStats.parsePeakRssBytes("Name:\tkthreadd\n")).isEqualTo(-1);
  }

  @Test
  void thisProcessHasCpuAndRssAndAGoneOneHasNone() {
    long self = ProcessHandle.current().pid();
    assertThat(ProcStats.cpuSeconds(self)).isGreaterThanOrEqualTo(0);
    assertThat(ProcStats.peakRssBytes(self)).isPositive();
    assertThat(ProcStats.cpuSeconds(Long.MAX_VALUE)).isNaN();
    assertThat(ProcStats.peakRssBytes(Long.MAX_VALUE)).isEqualTo(-1);
  }
}

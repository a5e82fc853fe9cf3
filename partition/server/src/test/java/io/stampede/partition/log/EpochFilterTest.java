package io.stampede.partition.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EpochFilterTest {
  @Test
  void skipsRecordsOfAnEpochBelowOneSeenEarlier() {
    EpochFilter f = new EpochFilter("test");
    List<Long> epochs = List.of(0L, 1L, 1L, 2L, 1L, 2L, 3L, 2L, 3L);
    List<Long> admitted = epochs.stream().filter(f::admits).collect(Collectors.toList());
    assertThat(admitted).containsExactly(0L, 1L, 1L, 2L, 2L, 3L, 3L);
    assertThat(f.skipped()).isEqualTo(2);
  }
}

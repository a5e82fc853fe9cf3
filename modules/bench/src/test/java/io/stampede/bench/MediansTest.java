package io.stampede.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediansTest {
  private static PhaseResult result(String id, double value, double p50) {
    return new PhaseResult(id, id, Unit.OPS, value, p50, p50 * 2, 10, 10, 1_000_000_000L, 1.0);
  }

  @Test
  void eachWorkloadComesWholeFromItsMedianRound() {
    List<PhaseResult> medians = Medians.of(List.of(
        List.of(result("put_4k", 300, 1), result("list", 9000, 7)),
        List.of(result("put_4k", 100, 2), result("list", 8000, 8)),
        List.of(result("put_4k", 200, 3), result("list", 7000, 9))));
    assertThat(medians).extracting(PhaseResult::id).containsExactly("put_4k", "list");
    assertThat(medians.get(0).value()).isEqualTo(200);
    assertThat(medians.get(0).p50Ms()).as("latencies of the same round").isEqualTo(3);
    assertThat(medians.get(1).value()).isEqualTo(8000);
    assertThat(medians.get(1).p50Ms()).isEqualTo(8);
  }

  @Test
  void anEvenCountTakesTheLowerMiddleAndOneRoundIsItself() {
    assertThat(Medians.of(List.of(List.of(result("mixed", 5, 1)), List.of(result("mixed", 9, 2))))
        .get(0).value()).isEqualTo(5);
    PhaseResult only = result("get_1m", 42, 4);
    assertThat(Medians.of(List.of(List.of(only)))).containsExactly(only);
  }
}

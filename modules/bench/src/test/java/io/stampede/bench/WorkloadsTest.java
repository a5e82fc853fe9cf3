package io.stampede.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadsTest {
  @Test
  void everyStandardWorkloadInOrder() {
    List<WorkloadPlan> plans = Workloads.plan(1.0);
    assertThat(plans).extracting(WorkloadPlan::id).containsExactly("4k", "1m", "64m", "multipart", "list", "mixed");
    assertThat(plans).extracting(WorkloadPlan::concurrency).containsExactly(8, 4, 2, 2, 2, 8);
    WorkloadPlan multipart = plans.get(3);
    assertThat(multipart.parts() * multipart.objectBytes()).isEqualTo(64L << 20);
    assertThat(plans.get(4).setupCount()).isGreaterThanOrEqualTo(2000);
  }

  @Test
  void scaleSizesCountsNotObjectsAndKeepsFloors() {
    List<WorkloadPlan> full = Workloads.plan(1.0);
    List<WorkloadPlan> tenth = Workloads.plan(0.1);
    List<WorkloadPlan> tiny = Workloads.plan(0.0001);
    for (int i = 0; i < full.size(); i++) {
      assertThat(tenth.get(i).objectBytes()).isEqualTo(full.get(i).objectBytes());
      assertThat(tenth.get(i).count()).isLessThanOrEqualTo(full.get(i).count());
      assertThat(tiny.get(i).count()).isPositive();
    }
    assertThat(tenth.get(0).count()).isEqualTo(60);
    assertThat(tiny.get(0).count()).isEqualTo(40);
    assertThat(Workloads.scaled(600, 2.0, 40)).isEqualTo(1200);
  }

  @Test
  void scaleMustBePositive() {
    assertThatThrownBy(() -> Workloads.plan(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Workloads.plan(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}

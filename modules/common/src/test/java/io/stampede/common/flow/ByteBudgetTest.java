package io.stampede.common.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteBudgetTest {
  private final ByteBudget budget = new ByteBudget("test", 100);

  @Test
  void grantsAtOnceWhileTheBytesFit() {
    assertThat(budget.acquire(60).succeeded()).isTrue();
    assertThat(budget.acquire(40).succeeded()).isTrue();
    assertThat(budget.held()).isEqualTo(100);
    assertThat(budget.waiting()).isZero();
  }

  @Test
  void aWaiterIsGrantedOnceEnoughIsReleased() {
    budget.acquire(70);
    Future<Void> waiting = budget.acquire(50);
    assertThat(waiting.isComplete()).isFalse();
    assertThat(budget.waiting()).isEqualTo(1);
    budget.release(10);
    assertThat(waiting.isComplete()).as("60 + 50 still over 100").isFalse();
    budget.release(20);
    assertThat(waiting.succeeded()).isTrue();
    assertThat(budget.held()).isEqualTo(90);
  }

  @Test
  void waitersAreServedInArrivalOrderSoALargeOneIsNotStarved() {
    budget.acquire(90);
    Future<Void> large = budget.acquire(80);
    Future<Void> small = budget.acquire(5);
    assertThat(small.isComplete()).as("5 would fit, but the large one came first").isFalse();
    budget.release(90);
    assertThat(large.succeeded()).isTrue();
    assertThat(small.succeeded()).isTrue();
    assertThat(budget.held()).isEqualTo(85);
  }

  @Test
  void oneReleaseGrantsEveryWaiterThatNowFits() {
    budget.acquire(100);
    List<Future<Void>> waiting = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      waiting.add(budget.acquire(30));
    }
    budget.release(100);
    assertThat(waiting).extracting(Future::succeeded).containsExactly(true, true, true, false);
    budget.release(30);
    assertThat(waiting.get(3).succeeded()).isTrue();
  }

  @Test
  void aRequestLargerThanTheBudgetGoesThroughAloneAndNeverDeadlocks() {
    budget.acquire(10);
    Future<Void> huge = budget.acquire(250);
    Future<Void> after = budget.acquire(1);
    assertThat(huge.isComplete()).isFalse();
    budget.release(10);
    assertThat(huge.succeeded()).isTrue();
    assertThat(after.isComplete()).as("nothing joins an oversized grant").isFalse();
    assertThat(budget.held()).isEqualTo(250);
    budget.release(250);
    assertThat(after.succeeded()).isTrue();
    assertThat(new ByteBudget("empty", 1).acquire(1 << 30).succeeded()).as("alone at once").isTrue();
  }

  @Test
  void zeroBytesNeverWaitOnAnEmptyQueue() {
    budget.acquire(100);
    assertThat(budget.acquire(0).succeeded()).isTrue();
  }

  @Test
  void refusesNegativeAmountsAndOverRelease() {
    assertThrows(IllegalArgumentException.class, () -> budget.acquire(-1));
    assertThrows(IllegalArgumentException.class, () -> new ByteBudget("bad", 0));
    budget.acquire(10);
    assertThrows(IllegalStateException.class, () -> budget.release(11));
    assertThat(budget.held()).isEqualTo(10);
  }
}

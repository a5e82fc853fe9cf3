package io.stampede.partition.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.vertx.core.Future;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Walking a bucket's ranges: every range holding part of the bucket is closed, in key order, and
 * no other; a refusal reopens the ranges closed before it, the refusing one included, and is the
 * answer.
 */
class BucketCloseTest {
  /** Ranges [, b/f) [b/f, b/p) [b/p, c) [c, ): the bucket "b" lies in the first three. */
  private static final List<KeyRange> RANGES = List.of(KeyRange.of("", "b/f"), KeyRange.of("b/f", "b/p"),
      KeyRange.of("b/p", "c"), KeyRange.of("c", ""));

  /** A partition layer over RANGES that logs its calls; the range starting at {@code refusing} refuses closes. */
  private static final class Ranges {
    final List<String> calls = new ArrayList<>();
    final Set<Integer> closed = new TreeSet<>();
    final String refusing;

    Ranges(String refusing) {
      this.refusing = refusing;
    }

    PartitionApi api() {
      return (PartitionApi) Proxy.newProxyInstance(PartitionApi.class.getClassLoader(),
          new Class<?>[] {PartitionApi.class}, (proxy, method, args) -> {
            String from = (String) args[1];
            int i = 0;
            while (!RANGES.get(i).contains(from)) {
              i++;
            }
            calls.add(method.getName() + " " + i);
            if (method.getName().equals("closeBucket")) {
              if (RANGES.get(i).low().equals(refusing)) {
                closed.add(i); // its answer is lost after it took effect
                return Future.failedFuture(new PartitionException(PartitionErrorCode.BUCKET_NOT_EMPTY, "b"));
              }
              closed.add(i);
            } else {
              closed.remove(i);
            }
            return Future.succeededFuture(RANGES.get(i).high());
          });
    }
  }

  @Test
  void closesEveryRangeOfTheBucketAndNoOther() {
    Ranges r = new Ranges("none");
    assertThat(BucketClose.close(r.api(), "b").succeeded()).isTrue();
    assertThat(r.calls).containsExactly("closeBucket 0", "closeBucket 1", "closeBucket 2");
    assertThat(r.closed).containsExactly(0, 1, 2);
    assertThat(BucketClose.reopen(r.api(), "b").succeeded()).isTrue();
    assertThat(r.closed).isEmpty();
    assertThat(IndexKey.bucketEnd("b")).isEqualTo("b0");
  }

  @Test
  void aRefusalReopensWhatWasClosedThroughTheRefusingRange() {
    Ranges r = new Ranges("b/f");
    Future<Void> close = BucketClose.close(r.api(), "b");
    assertThat(close.failed()).isTrue();
    assertThat(((PartitionException) close.cause()).code()).isEqualTo(PartitionErrorCode.BUCKET_NOT_EMPTY);
    assertThat(r.calls).containsExactly("closeBucket 0", "closeBucket 1", "reopenBucket 0", "reopenBucket 1");
    assertThat(r.closed).isEmpty();
  }
}

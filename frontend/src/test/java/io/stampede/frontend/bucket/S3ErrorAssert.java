package io.stampede.frontend.bucket;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stampede.frontend.error.S3Exception;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts on the S3 error a parser throws. */
public final class S3ErrorAssert {
  private S3ErrorAssert() {}

  public static void assertS3Error(String code, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class,
        e -> org.assertj.core.api.Assertions.assertThat(e.error().code()).isEqualTo(code));
  }

  public static void assertS3Error(String code, String message, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> {
      org.assertj.core.api.Assertions.assertThat(e.error().code()).isEqualTo(code);
      org.assertj.core.api.Assertions.assertThat(e.getMessage()).isEqualTo(message);
    });
  }
}

package io.stampede.frontend.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.frontend.http.Preconditions.Outcome;
import io.vertx.core.MultiMap;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PreconditionsTest {
  static final String ETAG = "9b2cf535f27731c974343645a3985328";
  /** The object was modified at 2024-05-01T12:00:00.900Z; now is a day later. */
  static final long MODIFIED_MS = Instant.parse("2024-05-01T12:00:00.900Z").toEpochMilli();
  static final long NOW_MS = MODIFIED_MS + 86_400_000L;
  static final String AT_MODIFIED = "Wed, 01 May 2024 12:00:00 GMT";
  static final String BEFORE = "Tue, 30 Apr 2024 12:00:00 GMT";
  static final String AFTER = "Thu, 02 May 2024 11:00:00 GMT";
  static final String FUTURE = "Sat, 29 Oct 2100 19:43:31 GMT";

  static Outcome get(String... headers) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < headers.length; i += 2) {
      h.add(headers[i], headers[i + 1]);
    }
    return Preconditions.ofRequest(h).evaluate(ETAG, MODIFIED_MS, NOW_MS);
  }

  @Test
  void noConditionsPass() {
    assertThat(get()).isEqualTo(Outcome.PASS);
    assertThat(Preconditions.ofRequest(MultiMap.caseInsensitiveMultiMap()).any()).isFalse();
    assertThat(Preconditions.NONE.evaluate(ETAG, MODIFIED_MS, NOW_MS)).isEqualTo(Outcome.PASS);
  }

  @Test
  void ifMatchComparesEtagsWithOrWithoutQuotesInLists() {
    assertThat(get("If-Match", "\"" + ETAG + "\"")).isEqualTo(Outcome.PASS);
    assertThat(get("If-Match", ETAG)).isEqualTo(Outcome.PASS);
    assertThat(get("If-Match", "\"other\", \"" + ETAG + "\"")).isEqualTo(Outcome.PASS);
    assertThat(get("If-Match", "*")).isEqualTo(Outcome.PASS);
    assertThat(get("If-Match", "\"ABCORZ\"")).isEqualTo(Outcome.PRECONDITION_FAILED);
    assertThat(get("If-Match", "\"a\",\"b\"")).isEqualTo(Outcome.PRECONDITION_FAILED);
  }

  @Test
  void ifNoneMatchMatchingIsNotModified() {
    assertThat(get("If-None-Match", "\"" + ETAG + "\"")).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(get("If-None-Match", ETAG)).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(get("If-None-Match", "W/\"" + ETAG + "\"")).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(get("If-None-Match", "\"x\", " + ETAG)).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(get("If-None-Match", "*")).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(get("If-None-Match", "\"ABCORZ\"")).isEqualTo(Outcome.PASS);
  }

  @Test
  void ifModifiedSinceComparesWholeSeconds() {
    assertThat(get("If-Modified-Since", BEFORE)).isEqualTo(Outcome.PASS);
    assertThat(get("If-Modified-Since", AT_MODIFIED)).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(get("If-Modified-Since", AFTER)).isEqualTo(Outcome.NOT_MODIFIED);
  }

  @Test
  void futureOrUnparseableIfModifiedSinceIsIgnored() {
    assertThat(get("If-Modified-Since", FUTURE)).isEqualTo(Outcome.PASS);
    assertThat(get("If-Modified-Since", "yesterday")).isEqualTo(Outcome.PASS);
    assertThat(get("If-Modified-Since", "2024-05-02")).isEqualTo(Outcome.PASS);
  }

  @Test
  void ifUnmodifiedSince() {
    assertThat(get("If-Unmodified-Since", BEFORE)).isEqualTo(Outcome.PRECONDITION_FAILED);
    assertThat(get("If-Unmodified-Since", "Sat, 29 Oct 1994 19:43:31 GMT")).isEqualTo(Outcome.PRECONDITION_FAILED);
    assertThat(get("If-Unmodified-Since", AT_MODIFIED)).isEqualTo(Outcome.PASS);
    assertThat(get("If-Unmodified-Since", FUTURE)).isEqualTo(Outcome.PASS);
    assertThat(get("If-Unmodified-Since", "not a date")).isEqualTo(Outcome.PASS);
  }

  @Test
  void ifMatchTrueOverridesIfUnmodifiedSinceFalse() {
    assertThat(get("If-Match", ETAG, "If-Unmodified-Since", BEFORE)).isEqualTo(Outcome.PASS);
    assertThat(get("If-Match", "nope", "If-Unmodified-Since", FUTURE)).isEqualTo(Outcome.PRECONDITION_FAILED);
  }

  @Test
  void ifNoneMatchFalseWithIfModifiedSinceTrueIsNotModified() {
    assertThat(get("If-None-Match", ETAG, "If-Modified-Since", BEFORE)).isEqualTo(Outcome.NOT_MODIFIED);
    // If-None-Match true (no match) wins over If-Modified-Since false.
    assertThat(get("If-None-Match", "other", "If-Modified-Since", AFTER)).isEqualTo(Outcome.PASS);
  }

  @Test
  void preconditionFailedWinsOverNotModified() {
    assertThat(get("If-Match", "nope", "If-None-Match", ETAG)).isEqualTo(Outcome.PRECONDITION_FAILED);
    assertThat(get("If-Unmodified-Since", BEFORE, "If-Modified-Since", AFTER))
        .isEqualTo(Outcome.PRECONDITION_FAILED);
  }

  @Test
  void copySourceHeadersAreReadWithTheirPrefix() {
    MultiMap h = MultiMap.caseInsensitiveMultiMap()
        .add("If-Match", "nope")
        .add("x-amz-copy-source-if-none-match", "\"" + ETAG + "\"");
    Preconditions copy = Preconditions.ofCopySource(h);
    assertThat(copy.ifMatch()).isEmpty();
    assertThat(copy.evaluate(ETAG, MODIFIED_MS, NOW_MS)).isEqualTo(Outcome.NOT_MODIFIED);
    Preconditions unmodified = Preconditions.ofCopySource(
        MultiMap.caseInsensitiveMultiMap().add("X-Amz-Copy-Source-If-Unmodified-Since", BEFORE));
    assertThat(unmodified.evaluate(ETAG, MODIFIED_MS, NOW_MS)).isEqualTo(Outcome.PRECONDITION_FAILED);
  }

  @Test
  void obsoleteHttpDateFormsParse() {
    Instant expected = Instant.parse("1994-11-06T08:49:37Z");
    assertThat(HttpDates.parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(expected);
    assertThat(HttpDates.parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(expected);
    assertThat(HttpDates.parseHttpDate("Sun Nov  6 08:49:37 1994")).isEqualTo(expected);
    assertThat(HttpDates.parseHttpDate("06/11/1994")).isNull();
  }

  @Test
  void etagHelpers() {
    assertThat(Preconditions.unquote("\"abc\"")).isEqualTo("abc");
    assertThat(Preconditions.unquote("abc")).isEqualTo("abc");
    assertThat(Preconditions.etagMatches("\"abc-2\"", "\"abc-2\"")).isTrue();
    assertThat(Preconditions.etagMatches("", "abc")).isFalse();
  }
}

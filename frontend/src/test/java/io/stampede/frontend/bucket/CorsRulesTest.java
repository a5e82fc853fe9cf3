package io.stampede.frontend.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.location.api.bucket.CorsConfiguration;
import io.stampede.location.api.bucket.CorsRule;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CorsRulesTest {
  static CorsRule rule(String id, List<String> origins, List<String> methods, List<String> headers) {
    return new CorsRule(Optional.of(id), methods, origins, headers, List.of(), OptionalInt.empty());
  }

  static Optional<String> ruleFor(CorsConfiguration c, String origin, String method, List<String> headers) {
    return CorsRules.match(c, origin, method, headers).map(m -> m.rule().id().orElseThrow());
  }

  @Test
  void originPatternsHaveOneWildcardAndAreCaseSensitive() {
    String[][] cases = {
        {"*suffix", "foo.suffix", "true"}, {"*suffix", "foo.suffix.get", "false"},
        {"start*end", "startend", "true"}, {"start*end", "start12end", "true"}, {"start*end", "0start12end", "false"},
        {"prefix*", "prefix", "true"}, {"prefix*", "bla.prefix", "false"},
        {"https://*.example.com", "https://a.b.example.com", "true"},
        {"https://*.example.com", "https://example.com", "false"},
        {"https://a*a", "https://aa", "true"}, {"https://a*a", "https://a", "false"},
        {"https://example.com", "https://EXAMPLE.com", "false"}, {"", "", "true"}};
    for (String[] c : cases) {
      CorsConfiguration cors = new CorsConfiguration(List.of(rule("r", List.of(c[0]), List.of("GET"), List.of())));
      assertThat(CorsRules.match(cors, c[1], "GET", List.of()).isPresent())
          .as("%s against %s", c[1], c[0]).isEqualTo(Boolean.parseBoolean(c[2]));
    }
  }

  @Test
  void theFirstRuleAllowingOriginMethodAndHeadersApplies() {
    CorsConfiguration cors = new CorsConfiguration(List.of(
        rule("exact", List.of("https://example.com"), List.of("GET", "PUT"), List.of()),
        rule("pattern", List.of("https://*.com"), List.of("GET"), List.of("*")),
        rule("any", List.of("*"), List.of("GET", "HEAD"), List.of())));
    assertThat(ruleFor(cors, "https://example.com", "GET", List.of())).contains("exact");
    assertThat(ruleFor(cors, "https://example.com", "HEAD", List.of())).contains("any");
    assertThat(ruleFor(cors, "https://example.com", "GET", List.of("x-amz-date"))).contains("pattern");
    assertThat(ruleFor(cors, "https://example.org", "PUT", List.of())).isEmpty();
    assertThat(ruleFor(cors, "https://example.com", "get", List.of())).isEmpty();
  }

  @Test
  void allowedHeadersCompareWithoutCaseAndWithAWildcard() {
    CorsConfiguration cors = new CorsConfiguration(List.of(
        rule("r", List.of("*"), List.of("GET"), List.of("Content-Type", "X-Amz-*"))));
    assertThat(ruleFor(cors, "o", "GET", List.of("content-type", "x-amz-date", "X-AMZ-META-A"))).isPresent();
    assertThat(ruleFor(cors, "o", "GET", List.of("x-amzn-trace-id"))).isEmpty();
    assertThat(ruleFor(cors, "o", "GET", List.of("authorization"))).isEmpty();
    assertThat(CorsRules.requestedHeaders("Content-Type,X-Amz-Date ,  , x")).containsExactly(
        "Content-Type", "X-Amz-Date", "x");
  }

  @Test
  void headersOfAMatch() {
    CorsRule site = new CorsRule(Optional.empty(), List.of("GET", "PUT"), List.of("https://*.example.com", "http://x"),
        List.of("*"), List.of("ETag", "x-amz-request-id"), OptionalInt.of(3000));
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    CorsRules.write(CorsRules.match(new CorsConfiguration(List.of(site)), "https://app.example.com", "PUT",
        List.of("Content-Type")).orElseThrow(), List.of("Content-Type"), headers);
    assertThat(headers.get("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
    assertThat(headers.get("Access-Control-Allow-Methods")).isEqualTo("GET, PUT");
    assertThat(headers.get("Access-Control-Allow-Headers")).isEqualTo("content-type");
    assertThat(headers.get("Access-Control-Expose-Headers")).isEqualTo("ETag, x-amz-request-id");
    assertThat(headers.get("Access-Control-Max-Age")).isEqualTo("3000");
    assertThat(headers.get("Access-Control-Allow-Credentials")).isEqualTo("true");
    assertThat(headers.get("Vary")).isEqualTo("Origin, Access-Control-Request-Headers, Access-Control-Request-Method");

    CorsRule any = new CorsRule(Optional.empty(), List.of("GET"), List.of("https://example.com", "*"), List.of(),
        List.of(), OptionalInt.empty());
    MultiMap anyHeaders = MultiMap.caseInsensitiveMultiMap();
    CorsRules.write(CorsRules.match(new CorsConfiguration(List.of(any)), "https://example.com", "GET", List.of())
        .orElseThrow(), List.of(), anyHeaders);
    assertThat(anyHeaders.get("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(anyHeaders.contains("Access-Control-Allow-Credentials")).isFalse();
    assertThat(anyHeaders.contains("Access-Control-Allow-Headers")).isFalse();
    assertThat(anyHeaders.contains("Access-Control-Max-Age")).isFalse();
  }
}

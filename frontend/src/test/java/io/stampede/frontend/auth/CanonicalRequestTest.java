package io.stampede.frontend.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.MultiMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalRequestTest {
  @Test
  void decodesOnceAndReencodesKeepingSlashes() {
    assertEquals("/", CanonicalRequest.canonicalUri(""));
    // The SDK signs a key "c//d" as is, then sends it as "c/%2Fd".
    assertEquals("/b/a%20b/c//d", CanonicalRequest.canonicalUri("/b/a%20b/c/%2fd"));
    assertEquals("/b/a%2Bb/~~", CanonicalRequest.canonicalUri("/b/a+b/%7E~"));
    assertEquals("/b//x/./y", CanonicalRequest.canonicalUri("/b//x/./y"));
    assertEquals("/b/%E2%82%AC", CanonicalRequest.canonicalUri("/b/%e2%82%ac"));
  }

  @Test
  void sortsAndEncodesQueryParameters() {
    assertEquals("acl=&max-keys=2&prefix=a%20b", CanonicalRequest.canonicalQuery("prefix=a%20b&max-keys=2&acl", null));
    assertEquals("a=1&a=2&b=", CanonicalRequest.canonicalQuery("b=&a=2&a=1", null));
    assertEquals("x=%2F", CanonicalRequest.canonicalQuery("X-Amz-Signature=abc&x=/", "X-Amz-Signature"));
  }

  @Test
  void trimsAndCollapsesHeaderValues() {
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Host", " h ").add("X-Amz-Meta-A", "  a   b  ")
        .add("x-amz-meta-a", "c");
    assertEquals("host:h\nx-amz-meta-a:a b,c\n", CanonicalRequest.canonicalHeaders(h, List.of("host", "x-amz-meta-a")));
  }
}

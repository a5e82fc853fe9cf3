package io.stampede.frontend.server;

import io.stampede.common.id.FrontendNodeId;
import io.stampede.common.id.StampId;
import io.stampede.frontend.auth.Users;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A front-end server's configuration.
 *
 * @param hosts addresses to bind, each on {@code port} (a stamp's front-ends bind the global S3 endpoint
 *     and their stamp's VIP)
 * @param port port to bind; 0 picks a free one (with one host only)
 * @param domains virtual-hosted-style requests address {@code <bucket>.<domain>[:port]} under any of
 *     these (the longest that matches wins); other hosts are path-style
 * @param region the region this stamp answers for (signatures must be scoped to it)
 * @param users who may sign requests (access keys, secrets, canonical ids, display names)
 * @param maxObjectBytes largest single PutObject (EntityTooLarge above)
 * @param maxHeaderBytes largest request header block
 * @param maxUriBytes longest request line
 * @param requestTimeout a request not answered by then fails (RequestTimeout or ServiceUnavailable)
 * @param idleTimeout a connection idle this long is closed
 * @param clockSkewMax largest accepted difference between a signed request's time and ours
 * @param bucketCacheTtl how long a looked-up bucket location is trusted
 * @param partBytesMin smallest part (but the last) a multipart upload may complete with (S3: 5 MiB;
 *     0 turns the check off, like Riak CS's {@code enforce_multipart_part_size = false})
 * @param copyKeepalive a copy still running after this answers 200 at once and sends whitespace
 *     this often until its result (zero: never; see {@code CopyAnswer})
 * @param requestsInFlightMax requests served at once; one more is answered 503 SlowDown at once,
 *     its body unread (bounds the memory bodies and answers in flight can take)
 */
public record FrontendConfig(
    FrontendNodeId node,
    StampId stampId,
    List<String> hosts,
    int port,
    List<String> domains,
    String region,
    Users users,
    long maxObjectBytes,
    int maxHeaderBytes,
    int maxUriBytes,
    Duration requestTimeout,
    Duration idleTimeout,
    Duration clockSkewMax,
    Duration bucketCacheTtl,
    long partBytesMin,
    Duration copyKeepalive,
    int requestsInFlightMax) {
  /** Requests one front end serves at once by default. */
  public static final int REQUESTS_IN_FLIGHT_MAX = 256;

  /** S3's smallest part but the last. */
  public static final long PART_BYTES_MIN = 5L << 20;

  public FrontendConfig {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(stampId, "stampId");
    hosts = List.copyOf(hosts);
    if (hosts.isEmpty() || (port == 0 && hosts.size() > 1)) {
      throw new IllegalArgumentException("one host or more, and only one with port 0: " + hosts + ":" + port);
    }
    domains = List.copyOf(domains);
    if (domains.isEmpty() || domains.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("at least one domain, none blank: " + domains);
    }
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(users, "users");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("bad port " + port);
    }
    if (users.isEmpty()) {
      throw new IllegalArgumentException("no users configured");
    }
    if (maxObjectBytes < 0 || maxHeaderBytes < 1024 || maxUriBytes < 1024 || partBytesMin < 0
        || requestsInFlightMax < 1) {
      throw new IllegalArgumentException("bounds too small");
    }
    for (Duration d : new Duration[] {requestTimeout, idleTimeout, clockSkewMax, bucketCacheTtl, copyKeepalive}) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("durations must be non-negative");
      }
    }
  }

  /** The defaults: 127.0.0.1:9000, domain localhost, us-east-1, 5 GiB objects. */
  public static FrontendConfig defaults(FrontendNodeId node, StampId stamp, Users users) {
    return new FrontendConfig(node, stamp, List.of("127.0.0.1"), 9000, List.of("localhost"), "us-east-1", users,
        5L << 30, 16 * 1024, 16 * 1024, Duration.ofMinutes(15), Duration.ofMinutes(2),
        Duration.ofMinutes(15), Duration.ofSeconds(5), PART_BYTES_MIN,
        Duration.ofSeconds(5), REQUESTS_IN_FLIGHT_MAX);
  }

  /** The defaults, with users named after their access keys (access key to secret). */
  public static FrontendConfig defaults(FrontendNodeId node, StampId stamp, Map<String, String> credentials) {
    return defaults(node, stamp, Users.of(credentials));
  }

  public FrontendConfig withEndpoint(String newHost, int newPort) {
    return withHosts(List.of(newHost), newPort);
  }

  /** Binds every one of {@code newHosts} on {@code newPort}. */
  public FrontendConfig withHosts(List<String> newHosts, int newPort) {
    return new FrontendConfig(node, stampId, newHosts, newPort, domains, region, users, maxObjectBytes,
        maxHeaderBytes, maxUriBytes, requestTimeout, idleTimeout, clockSkewMax, bucketCacheTtl, partBytesMin,
        copyKeepalive, requestsInFlightMax);
  }

  public FrontendConfig withDomains(List<String> newDomains) {
    return new FrontendConfig(node, stampId, hosts, port, newDomains, region, users, maxObjectBytes,
        maxHeaderBytes, maxUriBytes, requestTimeout, idleTimeout, clockSkewMax, bucketCacheTtl, partBytesMin,
        copyKeepalive, requestsInFlightMax);
  }

  public FrontendConfig withMaxObjectBytes(long max) {
    return new FrontendConfig(node, stampId, hosts, port, domains, region, users, max,
        maxHeaderBytes, maxUriBytes, requestTimeout, idleTimeout, clockSkewMax, bucketCacheTtl, partBytesMin,
        copyKeepalive, requestsInFlightMax);
  }

  public FrontendConfig withRequestTimeout(Duration timeout) {
    return new FrontendConfig(node, stampId, hosts, port, domains, region, users, maxObjectBytes,
        maxHeaderBytes, maxUriBytes, timeout, idleTimeout, clockSkewMax, bucketCacheTtl, partBytesMin,
        copyKeepalive, requestsInFlightMax);
  }

  public FrontendConfig withPartBytesMin(long min) {
    return new FrontendConfig(node, stampId, hosts, port, domains, region, users, maxObjectBytes,
        maxHeaderBytes, maxUriBytes, requestTimeout, idleTimeout, clockSkewMax, bucketCacheTtl, min,
        copyKeepalive, requestsInFlightMax);
  }

  public FrontendConfig withCopyKeepalive(Duration every) {
    return new FrontendConfig(node, stampId, hosts, port, domains, region, users, maxObjectBytes,
        maxHeaderBytes, maxUriBytes, requestTimeout, idleTimeout, clockSkewMax, bucketCacheTtl, partBytesMin,
        every, requestsInFlightMax);
  }

  public FrontendConfig withRequestsInFlightMax(int max) {
    return new FrontendConfig(node, stampId, hosts, port, domains, region, users, maxObjectBytes,
        maxHeaderBytes, maxUriBytes, requestTimeout, idleTimeout, clockSkewMax, bucketCacheTtl, partBytesMin,
        copyKeepalive, max);
  }

  @Override
  public String toString() {
    return "FrontendConfig[node=" + node + ", stamp=" + stampId + ", " + hosts + ":" + port + ", domains=" + domains
        + ", region=" + region + ", accessKeys=" + users.accessKeys() + ", maxObjectBytes=" + maxObjectBytes
        + ", maxHeaderBytes=" + maxHeaderBytes + ", maxUriBytes=" + maxUriBytes + ", requestTimeout="
        + requestTimeout + ", idleTimeout=" + idleTimeout + ", clockSkewMax=" + clockSkewMax
        + ", bucketCacheTtl=" + bucketCacheTtl + ", partBytesMin=" + partBytesMin
        + ", copyKeepalive=" + copyKeepalive + ", requestsInFlightMax=" + requestsInFlightMax + "]";
  }
}

package io.stampede.location.dns;

import io.stampede.common.net.Endpoint;
import java.util.Objects;

/**
 * Where the location service answers DNS and for what.
 *
 * @param listen the address and port, UDP and TCP alike (port 0: any free one)
 * @param apex the zone, e.g. {@link DnsZone#DEFAULT_APEX}
 * @param apexHost the address (or host name) the apex itself resolves to: the global S3 endpoint
 */
public record DnsConfig(Endpoint listen, String apex, String apexHost) {
  public DnsConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(apex, "apex");
    Objects.requireNonNull(apexHost, "apexHost");
  }
}

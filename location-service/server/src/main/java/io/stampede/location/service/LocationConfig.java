package io.stampede.location.service;

import io.stampede.common.net.Endpoint;
import io.stampede.location.dns.DnsConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Configuration of the location service; {@code dns} present: it also answers DNS for its zone. */
public record LocationConfig(String id, Endpoint endpoint, Path dataDir, Optional<DnsConfig> dns) {
  public LocationConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(dns, "dns");
  }

  /** No DNS. */
  public LocationConfig(String id, Endpoint endpoint, Path dataDir) {
    this(id, endpoint, dataDir, Optional.empty());
  }

  public static LocationConfig defaults(Path dataDir) {
    return new LocationConfig("location", Endpoint.of("127.0.0.1", 0), dataDir);
  }

  public LocationConfig withDns(DnsConfig d) {
    return new LocationConfig(id, endpoint, dataDir, Optional.of(d));
  }
}

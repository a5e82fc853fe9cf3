package io.stampede.location.service;

import io.stampede.common.net.Endpoint;
import java.nio.file.Path;
import java.util.Objects;

/** Configuration of the location service. */
public record LocationConfig(String id, Endpoint endpoint, Path dataDir) {
  public LocationConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(dataDir, "dataDir");
  }

  public static LocationConfig defaults(Path dataDir) {
    return new LocationConfig("location", Endpoint.of("127.0.0.1", 0), dataDir);
  }
}

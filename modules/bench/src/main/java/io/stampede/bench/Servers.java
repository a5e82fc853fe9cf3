package io.stampede.bench;

import io.stampede.ministamp.PortPlan;
import io.stampede.ministamp.StampConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * How the bench starts the servers it measures: a stamp through {@code ./stamp up}, and s3proxy.
 * Each hands its process to {@code onStart} as soon as it exists, so that a run stopped while a
 * server is still starting stops that server too.
 */
final class Servers {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  /** s3proxy gets the heap {@code ./stamp up} gets. */
  static final String S3PROXY_HEAP = "-Xmx512m";

  private Servers() {}

  /** {@code <home>/stamp up --port P --data <workDir>/stamp-data} on free ports, serving S3 once returned. */
  static Started stamp(Path home, Path workDir, String accessKey, String secretKey, Consumer<ServerProcess> onStart) {
    PortPlan plan = PortPlan.findFree(StampConfig.defaults(Path.of("stamp-data")), new Random());
    int port = plan.base();
    Path data = workDir.resolve("stamp-data");
    List<String> command = List.of(home.resolve("stamp").toString(), "up", "--port", Integer.toString(port),
        "--dns-port", Integer.toString(plan.dnsSlot()), "--data", data.toString());
    ServerProcess process = ServerProcess.start("stampede", command,
        Map.of("STAMP_ACCESS_KEY", accessKey, "STAMP_SECRET_KEY", secretKey), workDir.resolve("stamp.log"));
    onStart.accept(process);
    try {
      process.awaitReady(URI.create("http://127.0.0.1:" + (port + 1) + "/health"), status -> status == 200,
          START_TIMEOUT);
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return new Started(process, URI.create("http://127.0.0.1:" + port));
  }

  /**
   * s3proxy from its jar-with-dependencies, on its filesystem backend (jclouds {@code filesystem}
   * in {@code <workDir>/s3proxy-data}), SigV2 or V4 with the same credentials.
   */
  static Started s3proxy(Path jar, Path workDir, String accessKey, String secretKey,
      Consumer<ServerProcess> onStart) {
    if (!Files.isRegularFile(jar)) {
      throw new BenchException("no s3proxy jar at " + jar + " (fetch it with: mvn -B -q dependency:get"
          + " -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies -Dtransitive=false, or pass --s3proxy-jar)");
    }
    int port = FreePorts.any();
    Path data = workDir.resolve("s3proxy-data");
    Path properties = workDir.resolve("s3proxy.properties");
    try {
      Files.createDirectories(data);
      Files.writeString(properties, String.join("\n",
          "s3proxy.endpoint=http://127.0.0.1:" + port,
          "s3proxy.authorization=aws-v2-or-v4",
          "s3proxy.identity=" + accessKey,
          "s3proxy.credential=" + secretKey,
          "jclouds.provider=filesystem",
          "jclouds.filesystem.basedir=" + data,
          ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ServerProcess process = ServerProcess.start("s3proxy",
        List.of(java, S3PROXY_HEAP, "-jar", jar.toString(), "--properties", properties.toString()), Map.of(),
        workDir.resolve("s3proxy.log"));
    onStart.accept(process);
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    try {
      process.awaitReady(endpoint, status -> status > 0, START_TIMEOUT);
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return new Started(process, endpoint);
  }

  /** The default location of s3proxy 4.1.0 in the local Maven repository. */
  static Path defaultS3ProxyJar() {
    return Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "gaul", "s3proxy", "4.1.0",
        "s3proxy-4.1.0-jar-with-dependencies.jar");
  }

  record Started(ServerProcess process, URI endpoint) {}
}

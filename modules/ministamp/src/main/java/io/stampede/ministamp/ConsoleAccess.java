package io.stampede.ministamp;

import com.google.common.net.InetAddresses;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may use the stamp's console. Every request must come from a loopback address, name a
 * loopback host ({@code Host}: 127.x.y.z, localhost or [::1], so a DNS-rebound page cannot reach
 * it) and carry no {@code Origin} (browsers send one with every cross-site write; the
 * {@code ./stamp} verbs and curl do not). Admin verbs also need the stamp's token: 32 random
 * bytes in hex, written at start to {@code <data>/console.token} (readable by its owner only),
 * sent as {@code Authorization: Bearer <token>}.
 */
final class ConsoleAccess {
  static final String TOKEN_FILE = "console.token";

  private final byte[] token;

  private ConsoleAccess(String token) {
    this.token = token.getBytes(StandardCharsets.US_ASCII);
  }

  /** A new token, written (owner-only) to {@code dataDir}. */
  static ConsoleAccess create(Path dataDir, SecureRandom random) throws IOException {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    Files.createDirectories(dataDir);
    Path tmp = dataDir.resolve(TOKEN_FILE + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the data directory's own permissions guard it
    }
    Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
    Files.move(tmp, dataDir.resolve(TOKEN_FILE), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    return new ConsoleAccess(token);
  }

  /** The token a running stamp wrote to {@code dataDir}, if there is one. */
  static Optional<String> read(Path dataDir) {
    try {
      return Optional.of(Files.readString(dataDir.resolve(TOKEN_FILE), StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Why the request may not use the console at all, if it may not. */
  Optional<String> refusal(RoutingContext ctx) {
    String remote = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    if (!loopbackAddress(remote)) {
      return Optional.of("the console answers loopback clients only");
    }
    if (ctx.request().getHeader("Origin") != null) {
      return Optional.of("the console refuses requests made by web pages (Origin: "
          + ctx.request().getHeader("Origin") + ")");
    }
    // the Host header, or HTTP/2's :authority
    HostAndPort authority = ctx.request().authority();
    String host = authority == null ? null : authority.host();
    if (host == null || !loopbackHost(host)) {
      return Optional.of("the console answers requests for a loopback host only, not " + host);
    }
    return Optional.empty();
  }

  /** Whether the request carries this stamp's token. */
  boolean authorized(RoutingContext ctx) {
    String auth = ctx.request().getHeader("Authorization");
    if (auth == null || !auth.startsWith("Bearer ")) {
      return false;
    }
    return MessageDigest.isEqual(token, auth.substring("Bearer ".length()).strip().getBytes(StandardCharsets.US_ASCII));
  }

  private static boolean loopbackAddress(String address) {
    if (address == null) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** A host naming this machine's loopback: localhost, or a loopback address (127.x.y.z, ::1, [::1]). */
  static boolean loopbackHost(String host) {
    String name = host.strip().toLowerCase(Locale.ROOT);
    if (name.equals("localhost")) {
      return true;
    }
    String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    return InetAddresses.isInetAddress(bare) && InetAddresses.forString(bare).isLoopbackAddress();
  }

}

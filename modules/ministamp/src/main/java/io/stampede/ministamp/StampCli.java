package io.stampede.ministamp;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verbs of {@code ./stamp} that talk to a running {@code ./stamp up} through its console
 * ({@code 127.0.0.1:<port+1>}): {@code status [--check]}, {@code kill-node <id>},
 * {@code restart-node <id>}, {@code kill-rack <rack>}, {@code restart-rack <rack>},
 * {@code kill-frontend <fe>}, {@code restart-frontend <fe>},
 * {@code kill-stream-manager-leader}, {@code kill-partition-server <id>},
 * {@code restart-partition-server <id>}, {@code kill-partition-manager-leader},
 * {@code split <range> [key]}, {@code merge <range>}, {@code move <range> <server>},
 * {@code rebuild-index}. Admin verbs send the token the stamp wrote to its data directory
 * ({@code --data DIR}, default {@code stamp-data}, as for {@code ./stamp up}).
 */
final class StampCli {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_NO_STAMP = 3;
  private static final Map<String, String> ADMIN = Map.of(
      "kill-node", "id", "restart-node", "id", "kill-rack", "rack", "restart-rack", "rack",
      "kill-partition-server", "id", "restart-partition-server", "id", "kill-frontend", "id", "restart-frontend", "id");
  private static final String KILL_SM_LEADER = "kill-stream-manager-leader";
  private static final String KILL_PM_LEADER = "kill-partition-manager-leader";
  private static final String REBUILD_INDEX = "rebuild-index";
  private static final String GC = "gc";
  /** Verbs on range partitions: their query parameters, in order (the last of split is optional). */
  private static final Map<String, List<String>> RANGE_VERBS = Map.of(
      "split", List.of("range", "key"), "merge", List.of("range"), "move", List.of("range", "server"));
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final PrintStream out;
  private final PrintStream err;

  StampCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  static boolean handles(String verb) {
    return verb.equals("status") || verb.equals(KILL_SM_LEADER) || verb.equals(KILL_PM_LEADER)
        || verb.equals(REBUILD_INDEX) || verb.equals(GC) || ADMIN.containsKey(verb) || RANGE_VERBS.containsKey(verb);
  }

  /** Runs one verb; returns the process exit code. */
  int run(String[] args) {
    String verb = args[0];
    List<String> positional = new ArrayList<>();
    int port = StampConfig.defaults(Path.of(".")).basePort();
    Path data = Path.of("stamp-data");
    boolean check = false;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> {
          if (i + 1 >= args.length) {
            return usage("missing value for --port");
          }
          try {
            port = Integer.parseInt(args[++i]);
          } catch (NumberFormatException e) {
            return usage("--port needs a number, got '" + args[i] + "'");
          }
        }
        case "--data" -> {
          if (i + 1 >= args.length) {
            return usage("missing value for --data");
          }
          data = Path.of(args[++i]);
        }
        case "--check" -> check = true;
        default -> positional.add(args[i]);
      }
    }
    PortPlan plan = new PortPlan(port);
    String base = "http://" + plan.console();
    if (verb.equals("status")) {
      return positional.isEmpty() ? status(base, check) : usage("status takes no arguments");
    }
    if (RANGE_VERBS.containsKey(verb)) {
      List<String> params = RANGE_VERBS.get(verb);
      int required = verb.equals("split") ? 1 : params.size();
      if (positional.size() < required || positional.size() > params.size()) {
        return usage(verb + " takes " + String.join(" ", params) + (verb.equals("split") ? " (key optional)" : ""));
      }
      StringBuilder url = new StringBuilder(base + "/admin/" + verb);
      for (int k = 0; k < positional.size(); k++) {
        url.append(k == 0 ? '?' : '&').append(params.get(k)).append('=')
            .append(URLEncoder.encode(positional.get(k), StandardCharsets.UTF_8));
      }
      return admin(url.toString(), base, data);
    }
    if (verb.equals(KILL_SM_LEADER) || verb.equals(KILL_PM_LEADER) || verb.equals(REBUILD_INDEX) || verb.equals(GC)) {
      return positional.isEmpty() ? admin(base + "/admin/" + verb, base, data) : usage(verb + " takes no arguments");
    }
    if (positional.size() != 1) {
      return usage(verb + " needs exactly one " + ADMIN.get(verb));
    }
    String param = ADMIN.get(verb);
    return admin(base + "/admin/" + verb + "?" + param + "="
        + URLEncoder.encode(positional.get(0), StandardCharsets.UTF_8), base, data);
  }

  private int status(String base, boolean check) {
    HttpResponse<String> r = call(HttpRequest.newBuilder(URI.create(base + "/status")).GET(), base);
    if (r == null) {
      return EXIT_NO_STAMP;
    }
    if (r.statusCode() != 200) {
      err.println("stamp: " + r.body().strip() + " (HTTP " + r.statusCode() + ")");
      return EXIT_FAILED;
    }
    try {
      out.print(StatusTable.render(StatusJson.fromJson(new JsonObject(r.body()))));
    } catch (DecodeException | ClassCastException | NullPointerException | IllegalArgumentException e) {
      err.println("stamp: unexpected answer from " + base + "/status: " + e.getMessage());
      return EXIT_FAILED;
    }
    return check ? check(base) : EXIT_OK;
  }

  private int check(String base) {
    out.println();
    out.println("checking every sealed extent's replicas (reads them all)...");
    HttpResponse<String> r = call(HttpRequest.newBuilder(URI.create(base + "/check")).GET(), base);
    if (r == null) {
      return EXIT_NO_STAMP;
    }
    if (r.statusCode() != 200) {
      err.println("stamp: " + r.body().strip() + " (HTTP " + r.statusCode() + ")");
      return EXIT_FAILED;
    }
    JsonObject j = new JsonObject(r.body());
    if (j.getBoolean("ok")) {
      out.printf("ok: %d sealed extents, each with 3 byte-identical replicas on 3 racks%n",
          j.getInteger("checkedExtents"));
      return EXIT_OK;
    }
    out.printf("VIOLATIONS in %d sealed extents:%n", j.getInteger("checkedExtents"));
    j.getJsonArray("violations").forEach(v -> out.println("  " + v));
    return EXIT_FAILED;
  }

  private int admin(String url, String base, Path data) {
    Optional<String> token = ConsoleAccess.read(data);
    if (token.isEmpty()) {
      err.println("stamp: no console token in " + data.toAbsolutePath() + " (pass the --data given to ./stamp up)");
      return EXIT_FAILED;
    }
    HttpResponse<String> r = call(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + token.get())
        .POST(HttpRequest.BodyPublishers.noBody()), base);
    if (r == null) {
      return EXIT_NO_STAMP;
    }
    if (r.statusCode() == 200) {
      out.println(r.body().strip());
      return EXIT_OK;
    }
    err.println("stamp: " + r.body().strip() + (r.statusCode() == 404 ? "" : " (HTTP " + r.statusCode() + ")"));
    return EXIT_FAILED;
  }

  /** The answer, or null (after saying why) when no stamp answers there. */
  private HttpResponse<String> call(HttpRequest.Builder request, String base) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    try {
      return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      err.println("stamp: no stamp is running with its console on " + base
          + " (start one with ./stamp up, or pass the --port it was started with)");
      return null;
    } catch (HttpTimeoutException e) {
      err.println("stamp: the stamp at " + base + " did not answer within " + TIMEOUT.toSeconds() + " s");
      return null;
    } catch (IOException e) {
      err.println("stamp: cannot talk to " + base + ": " + e);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private int usage(String problem) {
    err.println("stamp: " + problem);
    StampMain.usage(err);
    return EXIT_USAGE;
  }
}

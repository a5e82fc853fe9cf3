package io.stampede.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;

/**
 * {@code ./stamp bench}: parses the flags, runs the {@link Bench}, prints the table and writes
 * the JSON. Ctrl-C (or any failure) still stops the servers it started and removes its
 * temporary directory. Exit codes: 0 done, 1 the run failed (a request, a wrong read, a server
 * that did not start), 2 usage.
 */
public final class BenchMain {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  private BenchMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("bench: " + e.getMessage());
      BenchOptions.usage(err);
      return EXIT_USAGE;
    }
    if (options.help()) {
      BenchOptions.usage(out);
      return EXIT_OK;
    }
    Bench bench = new Bench(options, err);
    Thread cleanup = new Thread(bench::close, "bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      BenchReport report = bench.run();
      out.print(ResultTable.render(report));
      if (options.json() != null) {
        Files.writeString(options.json(), ResultJson.render(report));
        err.println("bench: figures written to " + options.json());
      }
      return EXIT_OK;
    } catch (RuntimeException | IOException e) {
      err.println(bench.closed() ? "bench: stopped (" + e.getMessage() + ")" : "bench: FAILED: " + e.getMessage());
      return EXIT_FAILED;
    } finally {
      bench.close();
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
  }
}

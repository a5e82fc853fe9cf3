package io.stampede.bench;

/** The bench cannot go on: a request failed, a read was wrong, a server did not start. */
final class BenchException extends RuntimeException {
  BenchException(String message) {
    super(message);
  }

  BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}

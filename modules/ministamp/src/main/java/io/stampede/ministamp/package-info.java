/**
 * Composition roots: a whole stamp (location service, stream layer, partition layer, front-end)
 * wired in one JVM over real gRPC, for {@code ./stamp up} and for the integration tests.
 */
package io.stampede.ministamp;

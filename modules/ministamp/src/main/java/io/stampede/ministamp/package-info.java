/**
 * Composition roots: a whole stamp (location service, stream layer, partition layer, front-end)
 * wired in one JVM over real gRPC, for {@code ./stamp up} and for the integration tests; the
 * verbs that break it on purpose (kill and restart extent nodes and racks), its status view, the
 * console that serves both, the {@code ./stamp} client verbs, and the stamp-wide invariant checks.
 */
package io.stampede.ministamp;

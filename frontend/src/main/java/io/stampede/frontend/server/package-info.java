/**
 * The front-end server (WAS section 3: the stateless front-end layer of a stamp): its config,
 * metrics, HTTP lifecycle and the dispatch of each request to one S3 operation after
 * authentication.
 */
package io.stampede.frontend.server;

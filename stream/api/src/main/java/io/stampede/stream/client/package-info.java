/**
 * The stream client library (WAS section 4, "stream layer client"): what a partition server links
 * to append blocks to its streams and read them back, talking to the stream manager for metadata
 * and straight to extent nodes for data.
 */
package io.stampede.stream.client;

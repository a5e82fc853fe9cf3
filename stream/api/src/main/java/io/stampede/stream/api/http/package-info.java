/**
 * The stream layer's data plane: blocks read from extent nodes over plain HTTP/1.1, next to the
 * gRPC control plane, as HDFS moves block data outside its RPC. A block travels as it is stored
 * (length, checksum, payload), read from the extent file in one pass and written to the socket
 * unchecked, and the reader checks the checksum: no message framing, no copy per hop,
 * end-to-end verification.
 */
package io.stampede.stream.api.http;

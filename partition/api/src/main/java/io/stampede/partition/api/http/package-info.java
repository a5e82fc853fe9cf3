/**
 * The partition layer's data plane: object bytes from a front-end to a partition server over
 * plain HTTP/1.1 instead of gRPC messages ({@link io.stampede.partition.api.http.ObjectTransfer}),
 * as the stream layer moves block bytes ({@code io.stampede.stream.api.http}).
 */
package io.stampede.partition.api.http;

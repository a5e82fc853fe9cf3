/**
 * The stream layer's gRPC bindings (WAS section 4): expose a local extent node or stream manager
 * over vertx-grpc, converting protobuf messages to the stream layer's records and errors to
 * statuses that keep their code.
 */
package io.stampede.stream.grpc;

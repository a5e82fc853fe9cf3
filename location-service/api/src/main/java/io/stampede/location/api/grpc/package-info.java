/** The location service's gRPC client adapter and protobuf codec. */
package io.stampede.location.api.grpc;

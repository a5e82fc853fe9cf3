/**
 * The stream layer over the wire (WAS section 4): protobuf conversions and the gRPC client
 * adapters through which partition servers, the stream manager and primaries reach extent nodes
 * and the stream manager. Protobuf types stay inside this package and {@code stream.grpc}.
 */
package io.stampede.stream.api.grpc;

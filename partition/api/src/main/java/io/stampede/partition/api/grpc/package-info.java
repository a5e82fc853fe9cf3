/**
 * The partition layer over the wire: protobuf conversions, the error codec and the gRPC client
 * adapters of partition servers and the partition manager. Protobuf types stay in this package
 * (and in the server module's gRPC bindings).
 */
package io.stampede.partition.api.grpc;

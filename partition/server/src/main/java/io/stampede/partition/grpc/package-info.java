/**
 * The partition layer's gRPC bindings: a partition server's PartitionServerRpc and a partition
 * manager peer's PartitionManagerRpc, exposing the local services with error codes kept.
 */
package io.stampede.partition.grpc;

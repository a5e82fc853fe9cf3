/**
 * How the stamp's roles talk: each layer's error codes over gRPC, and client calls that keep
 * them. Every layer's gRPC binding and client adapter goes through here.
 */
package io.stampede.common.rpc;

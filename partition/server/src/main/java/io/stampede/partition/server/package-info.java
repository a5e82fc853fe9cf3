/**
 * The partition server (WAS partition server): serves the range partitions the partition manager
 * assigns to it while its lease holds, and heartbeats to the manager.
 */
package io.stampede.partition.server;

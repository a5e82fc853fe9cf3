/**
 * The partition manager (WAS partition manager): owns the partition map (which range partition
 * each partition server serves, and the servers' leases), replicated over Apache Ratis.
 */
package io.stampede.partition.manager;

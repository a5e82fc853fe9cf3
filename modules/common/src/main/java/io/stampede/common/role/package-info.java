/**
 * How a role (an extent node, a manager peer, a partition server, a front end) runs when several
 * share one JVM: each on an event loop of its own, as it would in its own process.
 */
package io.stampede.common.role;

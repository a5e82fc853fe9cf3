/** A small fsynced journal for role metadata that is not (yet) replicated by Raft. */
package io.stampede.common.journal;

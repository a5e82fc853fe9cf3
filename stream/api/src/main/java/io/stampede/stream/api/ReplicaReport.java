package io.stampede.stream.api;

import io.stampede.common.id.ExtentId;

/** One extent replica as its extent node reports it in a heartbeat. */
public record ReplicaReport(ExtentId extent, long length, boolean sealed) {}

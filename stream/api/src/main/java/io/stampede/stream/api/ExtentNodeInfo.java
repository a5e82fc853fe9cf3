package io.stampede.stream.api;

import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.common.net.Endpoint;

/** An extent node: its id, the rack (fault domain) it sits in, and where it listens. */
public record ExtentNodeInfo(ExtentNodeId id, RackId rack, Endpoint endpoint) {}

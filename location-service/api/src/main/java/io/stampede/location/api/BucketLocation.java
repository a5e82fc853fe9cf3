package io.stampede.location.api;

import io.stampede.common.id.StampId;

/** Where a bucket lives: its stamp, its owner (access key id), when it was created, its region. */
public record BucketLocation(String bucket, StampId stamp, String owner, long createdMs, String region) {}

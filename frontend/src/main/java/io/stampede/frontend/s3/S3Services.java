package io.stampede.frontend.s3;

import io.stampede.frontend.server.FrontendConfig;
import io.stampede.frontend.server.FrontendMetrics;
import io.stampede.location.api.LocationApi;
import io.stampede.partition.api.PartitionApi;
import io.vertx.core.Vertx;
import java.time.Clock;

/** What the S3 handlers work with ({@code vertx} for timers). */
public record S3Services(
    FrontendConfig config, PartitionApi partitions, LocationApi locations, BucketRegistry buckets,
    FrontendMetrics metrics, Clock clock, Vertx vertx) {}

/**
 * The stamp's lifecycle runner: a background task that applies the buckets' lifecycle rules
 * (expiring current object versions and aborting stale multipart uploads) through the location
 * service and the partition layer, like any other client of theirs. The decisions are pure
 * functions of the rules, the object and the time ({@link io.stampede.frontend.lifecycle.LifecycleSchedule}).
 */
package io.stampede.frontend.lifecycle;

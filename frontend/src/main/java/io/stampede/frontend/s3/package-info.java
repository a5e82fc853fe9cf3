/**
 * The S3 operations of the front-end layer (WAS section 3, the front-end servers): one handler
 * per AWS operation, each authenticating nothing itself and talking only to the partition
 * layer's {@code PartitionApi} and the location service's {@code LocationApi}.
 */
package io.stampede.frontend.s3;

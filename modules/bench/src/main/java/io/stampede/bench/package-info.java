/**
 * The benchmark behind {@code ./stamp bench}: the standard S3 workloads (small, medium and large
 * objects, multipart uploads, listing, a mixed load) driven through the AWS SDK for Java v2 with
 * default settings against a stamp it starts (or any S3 endpoint) and, for reference, against
 * s3proxy on its filesystem backend; every read is verified, the figures come with the server's
 * CPU seconds and peak RSS and with this machine's own ceilings measured in the same run.
 * A client of the front-end like any other: it sees no stamp internals.
 */
package io.stampede.bench;

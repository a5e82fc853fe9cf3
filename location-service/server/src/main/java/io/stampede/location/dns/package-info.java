/**
 * The location service's DNS authority (WAS section 2: "the location service updates DNS"): it
 * answers for the S3 zone ({@code s3.stampede.test} by default) with each bucket's stamp VIP,
 * read live from the bucket directory, over UDP and TCP with Netty's DNS codec.
 */
package io.stampede.location.dns;

/**
 * The S3 additional checksums (CRC32, CRC32C, CRC64NVME, SHA-1, SHA-256): computed by the
 * front-end to verify what a client declared, and by partition servers to store with each object.
 */
package io.stampede.common.checksum;

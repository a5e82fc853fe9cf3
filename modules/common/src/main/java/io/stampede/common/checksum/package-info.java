/**
 * The S3 additional checksums (CRC32, CRC32C, CRC64NVME, SHA-1, SHA-256): computed by the
 * front-end to verify what a client declared, and by partition servers to store with each object
 * ({@link io.stampede.common.checksum.StoredChecksum}); a multipart object's checksum is made from
 * its parts' checksums ({@link io.stampede.common.checksum.PartChecksums}), the full-object kind by
 * CRC combination ({@link io.stampede.common.checksum.CrcCombine}).
 */
package io.stampede.common.checksum;

/**
 * JMH benchmarks of the hot paths of every layer, run against the production classes: the stream
 * layer's extent append (with its fsync) and block read (with its CRC check), the front end's
 * aws-chunked decoder and SigV4 verifier, and the partition layer's object index. Not part of
 * the stamp: nothing in main code depends on this package. Run them with {@code ./stamp
 * microbench [JMH args]}; figures depend on the machine and on what else runs on it.
 */
package io.stampede.microbench;

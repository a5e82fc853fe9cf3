/**
 * HTTP plumbing of the front end: the streaming body transformers between the client's socket
 * and the partition layer (aws-chunked decoding, digest and length verification), checksums,
 * URI encoding and HTTP date formats.
 */
package io.stampede.frontend.http;

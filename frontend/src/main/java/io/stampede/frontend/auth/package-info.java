/**
 * Authentication at the stamp's front door: AWS Signature Version 4 in the Authorization header
 * and in presigned query strings, and the chained signatures of aws-chunked bodies.
 */
package io.stampede.frontend.auth;

/**
 * Bucket sub-resources in the front end: parsing, validating (with S3's error codes) and
 * rendering the versioning, tagging, CORS and lifecycle documents, and evaluating a bucket's
 * CORS rules for preflight and actual requests. The values themselves live with the bucket in
 * the location service.
 */
package io.stampede.frontend.bucket;

/**
 * What S3 stores with a bucket besides its location: the versioning state, the bucket's tags,
 * its CORS rules and its lifecycle rules, as plain validated values, and the changes the
 * location service applies to them. Validation of client documents happens in the front end;
 * these records only refuse what no valid document can produce.
 */
package io.stampede.location.api.bucket;

/**
 * The front end's XML: writing S3 response documents with escaping, and parsing the few small
 * request documents S3 accepts with a hardened, size-bounded JDK parser.
 */
package io.stampede.frontend.xml;

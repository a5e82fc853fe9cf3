/**
 * The front end's error table: every failure a client can see, as S3 renders it (the exact AWS
 * code string, HTTP status and message), the one translation from the lower layers' error codes
 * and the one handler that writes the XML.
 */
package io.stampede.frontend.error;

/**
 * The stream manager role (WAS section 4.2): keeps streams as ordered lists of extents, places
 * each extent's three replicas in three fault domains, seals extents and opens new ones, and
 * keeps that metadata durable. Off the data path.
 */
package io.stampede.stream.manager;

/**
 * Routing of object operations to range partitions (WAS front-end's partition map cache): the
 * client front-ends use, which sends each call to the partition server owning the key.
 */
package io.stampede.partition.api.routing;

/**
 * Object bytes read from blob blocks: the read-ahead stream that partition servers serve
 * GetObject bodies from, and that front-ends use to read large objects straight from the extent
 * nodes once the partition server has told them where the blocks are (WAS: "the FE can stream
 * large objects directly from the stream layer").
 */
package io.stampede.partition.api.blob;

package io.stampede.stream.api;

/**
 * A replica sealed: its sealed length, and whether it cut a torn or corrupt tail when it last
 * recovered while open ({@code tailCut}). Such a replica may be shorter than what was
 * acknowledged, so it never takes part in choosing an extent's commit length.
 */
public record SealResult(long length, boolean tailCut) {}

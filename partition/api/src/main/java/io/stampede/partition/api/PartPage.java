package io.stampede.partition.api;

import java.util.List;

/** One page of ListParts: the upload, parts in number order, and whether more follow. */
public record PartPage(UploadInfo upload, List<ObjectPart> parts, boolean truncated) {
  public PartPage {
    parts = List.copyOf(parts);
  }
}

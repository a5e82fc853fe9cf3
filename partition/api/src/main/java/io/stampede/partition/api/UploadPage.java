package io.stampede.partition.api;

import java.util.List;

/**
 * One page of ListMultipartUploads, ordered by key then initiation: as {@link ListPage}, with
 * uploads instead of objects.
 */
public record UploadPage(List<UploadInfo> uploads, List<String> commonPrefixes, boolean truncated, String rangeHigh) {
  public UploadPage {
    uploads = List.copyOf(uploads);
    commonPrefixes = List.copyOf(commonPrefixes);
  }
}

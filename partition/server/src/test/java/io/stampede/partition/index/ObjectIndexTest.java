package io.stampede.partition.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.log.CommitLogRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectIndexTest {
  private final ObjectIndex index = new ObjectIndex();

  private void put(String bucket, String... keys) {
    for (String k : keys) {
      index.apply(new CommitLogRecord.Put(new ObjectInfo(bucket, k, 1, "e", 0, "t", Map.of(), Map.of()), List.of()));
    }
  }

  private static List<String> keys(ListPage page) {
    return page.objects().stream().map(ObjectInfo::key).toList();
  }

  private ListPage list(String prefix, String delimiter, String startAfter, int max) {
    return index.list(ListObjectsQuery.of("b", prefix, delimiter, startAfter, max), KeyRange.ALL);
  }

  @Test
  void listsOnlyTheBucketInKeyOrder() {
    put("a", "x");
    put("b", "k2", "k1", "k3");
    put("bb", "k0");
    ListPage page = list("", "", "", 1000);
    assertEquals(List.of("k1", "k2", "k3"), keys(page));
    assertFalse(page.truncated());
    assertEquals("", page.rangeHigh());
  }

  @Test
  void delimiterRollsUpCommonPrefixesInterleavedWithObjects() {
    put("b", "a.txt", "photos/2024/1.jpg", "photos/2024/2.jpg", "photos/x.jpg", "z", "docs/r.md");
    ListPage root = list("", "/", "", 1000);
    assertEquals(List.of("a.txt", "z"), keys(root));
    assertEquals(List.of("docs/", "photos/"), root.commonPrefixes());
    ListPage photos = list("photos/", "/", "", 1000);
    assertEquals(List.of("photos/x.jpg"), keys(photos));
    assertEquals(List.of("photos/2024/"), photos.commonPrefixes());
  }

  @Test
  void startAfterIsExclusiveAndSkipsItsCommonPrefix() {
    put("b", "a/1", "a/2", "b", "c/1", "d");
    assertEquals(List.of("c/", "d"), concat(list("", "/", "b", 1000)));
    ListPage afterPrefix = list("", "/", "a/", 1000);
    assertEquals(List.of("b", "c/", "d"), concat(afterPrefix));
    ListPage noDelim = list("", "", "a/1", 1000);
    assertEquals(List.of("a/2", "b", "c/1", "d"), keys(noDelim));
  }

  @Test
  void maxKeysCountsObjectsAndPrefixes() {
    put("b", "a/1", "a/2", "b", "c/1", "d");
    ListPage two = list("", "/", "", 2);
    assertEquals(List.of("a/", "b"), concat(two));
    assertTrue(two.truncated());
    ListPage all = list("", "/", "", 4);
    assertEquals(4, concat(all).size());
    assertFalse(all.truncated());
  }

  @Test
  void maxKeysZeroReportsWhetherAnythingMatches() {
    put("b", "x/1");
    assertTrue(list("x/", "", "", 0).truncated());
    assertFalse(list("y/", "", "", 0).truncated());
    assertTrue(list("x/", "", "", 0).objects().isEmpty());
  }

  @Test
  void deletedKeysAreInvisible() {
    put("b", "k1", "k2");
    index.apply(new CommitLogRecord.Delete("b", "k1", 1, ObjectInfo.NULL_VERSION));
    assertEquals(List.of("k2"), keys(list("", "", "", 10)));
    assertTrue(index.current(IndexKey.of("b", "k1")).isEmpty());
  }

  @Test
  void ordersByUtf8BytesNotUtf16() {
    // U+FF5E (EF BD 9E) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16 order.
    String emoji = "\uD83D\uDE00";
    String fullwidth = "\uFF5E";
    put("b", emoji, fullwidth, "z", "é");
    List<String> expected = new ArrayList<>(List.of(emoji, fullwidth, "z", "é"));
    expected.sort(Comparator.comparing(s -> s, IndexKey::compare));
    assertEquals(List.of("z", "é", fullwidth, emoji), expected);
    assertEquals(expected, keys(list("", "", "", 10)));
    assertEquals(List.of(emoji), keys(list("", "", fullwidth, 10)));
  }

  @Test
  void listsOnlyWithinTheRangeAndFromTheInclusiveLowerBound() {
    put("b", "a", "h1", "h2", "p");
    KeyRange middle = KeyRange.of("b/h", "b/p");
    ListPage page = index.list(ListObjectsQuery.of("b", "", "", "", 10), middle);
    assertEquals(List.of("h1", "h2"), keys(page));
    assertEquals("b/p", page.rangeHigh());
    ListPage from = index.list(new ListObjectsQuery("b", "", "", "", "b/h2", 10), KeyRange.ALL);
    assertEquals(List.of("h2", "p"), keys(from));
  }

  @Test
  void commonPrefixWithMultiCharacterDelimiter() {
    put("b", "x--1", "x--2", "y");
    assertEquals(List.of("x--", "y"), concat(list("", "--", "", 10)));
  }

  private void putVersion(String key, String versionId, long size) {
    index.apply(new CommitLogRecord.Put(new ObjectInfo("b", key, size, "e", 0, "t", Map.of(), Map.of(), versionId,
        false, java.util.Optional.empty(), Map.of(), 0, false), List.of()));
  }

  private List<String> versionsAfter(String key, String marker) {
    return index.listVersions(new ListObjectsQuery("b", "", "", key, "", 100, marker), KeyRange.ALL).objects()
        .stream().map(i -> i.key() + ":" + i.versionId()).toList();
  }

  @Test
  void aRemovedVersionMarkerResumesByIdOrderInsteadOfDroppingTheKey() {
    putVersion("k", "v1", 1);
    putVersion("k", "v2", 1);
    putVersion("k", "v3", 1);
    putVersion("l", "v9", 1);
    assertEquals(List.of("k:v1", "l:v9"), versionsAfter("k", "v2"));
    index.apply(new CommitLogRecord.Delete("b", "k", 1, "v2"));
    assertEquals(List.of("k:v1", "l:v9"), versionsAfter("k", "v2"), "resumes below the removed marker");
    assertEquals(List.of("l:v9"), versionsAfter("k", "null"), "a removed null marker skips the key");
  }

  @Test
  void aRemovedUploadMarkerResumesWithLaterUploads() {
    for (String id : List.of("u1", "u2", "u3")) {
      index.apply(new CommitLogRecord.UploadCreated(new io.stampede.partition.api.UploadInfo("b", "k", id, 0,
          java.util.Optional.empty(), io.stampede.common.checksum.ChecksumType.FULL_OBJECT),
          new ObjectInfo("b", "k", 0, "", 0, "t", Map.of(), Map.of()), "s-" + id));
    }
    index.apply(new CommitLogRecord.UploadAborted("b", "k", "u2"));
    List<String> after = index.listUploads(new ListObjectsQuery("b", "", "", "k", "", 100, "u2"), KeyRange.ALL)
        .uploads().stream().map(io.stampede.partition.api.UploadInfo::uploadId).toList();
    assertEquals(List.of("u3"), after);
  }

  @Test
  void completionNamingAMissingPartSkipsItAndTagsOnNoVersionChangeNothing() {
    index.apply(new CommitLogRecord.UploadCreated(new io.stampede.partition.api.UploadInfo("b", "k", "u", 0,
        java.util.Optional.empty(), io.stampede.common.checksum.ChecksumType.FULL_OBJECT),
        new ObjectInfo("b", "k", 0, "", 0, "t", Map.of(), Map.of()), "s-u"));
    index.apply(new CommitLogRecord.PartPut("b", "k", "u", new io.stampede.partition.api.ObjectPart(1, 5, "e", 0, ""),
        List.of()));
    index.apply(new CommitLogRecord.UploadCompleted("b", "k", "u", new ObjectInfo("b", "k", 5, "e-1", 0, "t",
        Map.of(), Map.of()), List.of(1, 2)));
    assertEquals(1, index.current(IndexKey.of("b", "k")).orElseThrow().parts().size());
    assertEquals(0, index.uploadCount());
    index.apply(new CommitLogRecord.TagsSet("b", "nothing", "null", Map.of("a", "b")));
    assertEquals(1, index.liveCount());
    assertEquals(List.of("k"), keys(list("", "", "", 10)));
  }

  @Test
  void countsLiveKeysAndBytesAsRecordsApply() {
    putVersion("a", "null", 10);
    putVersion("a", "null", 4);
    putVersion("b", "v1", 7);
    index.apply(new CommitLogRecord.Put(ObjectInfo.deleteMarker("b", "b", "v2", 0), List.of()));
    putVersion("c", "v1", 1);
    assertEquals(2, index.liveKeys());
    assertEquals(5, index.liveBytes());
    index.apply(new CommitLogRecord.Delete("b", "b", 0, "v2"));
    assertEquals(3, index.liveKeys());
    assertEquals(12, index.liveBytes());
    assertEquals(java.util.Optional.of(IndexKey.of("b", "b")), index.splitKey());
  }

  @Test
  void cutsToARangeAndMergesDisjointIndexes() {
    put("b", "a", "h", "p", "z");
    KeyRange low = KeyRange.of("", "b/m");
    KeyRange high = KeyRange.of("b/m", "");
    ObjectIndex left = index.cut(low);
    ObjectIndex right = index.cut(high);
    assertEquals(List.of("a", "h"), keys(left.list(ListObjectsQuery.of("b", "", "", "", 10), KeyRange.ALL)));
    assertEquals(2, right.liveKeys());
    left.merge(right);
    assertEquals(index.snapshot().versions(), left.snapshot().versions());
    assertEquals(4, left.liveKeys());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> left.merge(right));
  }

  private static List<String> concat(ListPage page) {
    List<String> all = new ArrayList<>(page.commonPrefixes());
    all.addAll(keys(page));
    all.sort(IndexKey::compare);
    return all;
  }
}

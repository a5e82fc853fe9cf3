package io.stampede.partition.range;

import static io.stampede.partition.testkit.Await.await;
import static io.stampede.partition.testkit.Await.failure;
import static io.stampede.partition.testkit.Await.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.checksum.ChecksumType;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.StreamId;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.CompleteUploadRequest;
import io.stampede.partition.api.CreateUploadRequest;
import io.stampede.partition.api.DeleteObjectRequest;
import io.stampede.partition.api.DeleteResult;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.ObjectRef;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.UploadPartRequest;
import io.stampede.partition.api.UploadRef;
import io.stampede.partition.api.Versioning;
import io.stampede.partition.api.WriteCondition;
import io.stampede.partition.testkit.BytesBody;
import io.stampede.partition.testkit.InMemoryStreamClient;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Versions, delete markers, multipart uploads and conditional writes of one range partition, and their replay. */
class RangePartitionVersionsTest {
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final InMemoryStreamClient streams = new InMemoryStreamClient(1000);
  private final Clock clock = TestRanges.CLOCK;
  private final List<StreamId> reclaimed = new CopyOnWriteArrayList<>();
  private final Random random = new Random(11);

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private RangePartition load() {
    return TestRanges.load(PartitionEntry.of(PartitionId.of("p0"), KeyRange.ALL, null),
        TestRanges.services(streams, clock, random, reclaimed::add, context));
  }

  private ObjectInfo put(RangePartition p, String key, String text, Versioning versioning, WriteCondition condition) {
    byte[] data = text.getBytes();
    return await(p.putObject(new PutObjectRequest("b", key, data.length, "t", Map.of(), Map.of(), Map.of(),
        versioning, condition, Optional.empty()), BytesBody.of(context, data)));
  }

  private String read(RangePartition p, ObjectRef ref) {
    return readAll(await(p.getObject(ref, Optional.empty())).body()).toString();
  }

  @Test
  void versionsDeleteMarkersAndRemovalSurviveReplay() {
    RangePartition p = load();
    ObjectInfo v1 = put(p, "k", "one", Versioning.ENABLED, WriteCondition.NONE);
    ObjectInfo v2 = put(p, "k", "two", Versioning.ENABLED, WriteCondition.NONE);
    assertThat(v1.versionId()).isNotEqualTo(v2.versionId()).hasSize(32);
    assertThat(read(p, ObjectRef.latest("b", "k"))).isEqualTo("two");
    assertThat(read(p, ObjectRef.version("b", "k", v1.versionId()))).isEqualTo("one");
    DeleteResult marker = await(p.deleteObject(new DeleteObjectRequest("b", "k", "", Versioning.ENABLED,
        Optional.empty())));
    assertThat(marker.deleteMarker()).isTrue();
    assertThat(await(p.headObject(ObjectRef.latest("b", "k"))).deleteMarker()).isTrue();
    assertThat(await(p.listObjects(ListObjectsQuery.of("b", "", "", "", 10))).objects()).isEmpty();
    await(p.deleteObject(new DeleteObjectRequest("b", "k", v2.versionId(), Versioning.ENABLED, Optional.empty())));

    RangePartition again = load();
    List<ObjectInfo> versions = await(again.listObjectVersions(ListObjectsQuery.of("b", "", "", "", 10))).objects();
    assertThat(versions).extracting(ObjectInfo::versionId).containsExactly(marker.versionId(), v1.versionId());
    assertThat(versions).extracting(ObjectInfo::latest).containsExactly(true, false);
    assertThat(failure(again.headObject(ObjectRef.version("b", "k", v2.versionId()))))
        .isEqualTo(PartitionErrorCode.NO_SUCH_VERSION);
    await(again.deleteObject(new DeleteObjectRequest("b", "k", marker.versionId(), Versioning.ENABLED,
        Optional.empty())));
    assertThat(read(again, ObjectRef.latest("b", "k"))).isEqualTo("one");
  }

  @Test
  void suspendedWritesReplaceOnlyTheNullVersion() {
    RangePartition p = load();
    put(p, "k", "unversioned", Versioning.UNVERSIONED, WriteCondition.NONE);
    ObjectInfo kept = put(p, "k", "kept", Versioning.ENABLED, WriteCondition.NONE);
    put(p, "k", "null again", Versioning.SUSPENDED, WriteCondition.NONE);
    List<ObjectInfo> versions = await(p.listObjectVersions(ListObjectsQuery.of("b", "", "", "", 10))).objects();
    assertThat(versions).extracting(ObjectInfo::versionId).containsExactly(ObjectInfo.NULL_VERSION, kept.versionId());
    assertThat(read(p, ObjectRef.version("b", "k", ObjectInfo.NULL_VERSION))).isEqualTo("null again");
  }

  @Test
  void conditionsAreCheckedAgainstTheCurrentVersion() {
    RangePartition p = load();
    WriteCondition absent = new WriteCondition(Optional.empty(), true);
    ObjectInfo first = put(p, "k", "first", Versioning.UNVERSIONED, absent);
    assertThat(failure(p.putObject(new PutObjectRequest("b", "k", 1, "t", Map.of(), Map.of(), Map.of(),
        Versioning.UNVERSIONED, absent, Optional.empty()), BytesBody.of(context, new byte[1]))))
        .isEqualTo(PartitionErrorCode.PRECONDITION_FAILED);
    put(p, "k", "second", Versioning.UNVERSIONED, new WriteCondition(Optional.of("\"" + first.etag() + "\""), false));
    assertThat(failure(p.deleteObject(new DeleteObjectRequest("b", "k", "", Versioning.UNVERSIONED,
        Optional.of(first.etag()))))).isEqualTo(PartitionErrorCode.PRECONDITION_FAILED);
    assertThat(read(p, ObjectRef.latest("b", "k"))).isEqualTo("second");
    assertThat(first.checksum().orElseThrow().algorithm()).isEqualTo(ChecksumAlgorithm.CRC64NVME);
  }

  private ObjectPart part(RangePartition p, UploadInfo u, int n, String text) {
    byte[] data = text.getBytes();
    return await(p.uploadPart(new UploadPartRequest(new UploadRef("b", u.key(), u.uploadId()), n, data.length),
        BytesBody.of(context, data)));
  }

  @Test
  void uploadsReplayAndReleaseTheirStreams() {
    RangePartition p = load();
    UploadInfo kept = await(p.createUpload(new CreateUploadRequest("b", "m", "t", Map.of(), Map.of(), Map.of(),
        Optional.of(ChecksumAlgorithm.CRC32), ChecksumType.COMPOSITE)));
    UploadInfo dropped = await(p.createUpload(new CreateUploadRequest("b", "m", "t", Map.of(), Map.of(), Map.of(),
        Optional.empty(), ChecksumType.FULL_OBJECT)));
    ObjectPart a = part(p, kept, 1, "aaaa");
    ObjectPart b = part(p, kept, 2, "bb");
    part(p, dropped, 1, "zz");
    await(p.abortUpload(new UploadRef("b", "m", dropped.uploadId())));
    assertThat(reclaimed).containsExactly(StreamId.of("p0.mpu." + dropped.uploadId()));

    RangePartition again = load();
    assertThat(await(again.listUploads(ListObjectsQuery.of("b", "", "", "", 10))).uploads())
        .extracting(UploadInfo::uploadId).containsExactly(kept.uploadId());
    ObjectInfo done = await(again.completeUpload(new CompleteUploadRequest(new UploadRef("b", "m", kept.uploadId()),
        List.of(new CompleteUploadRequest.Selected(1, a.etag()), new CompleteUploadRequest.Selected(2, b.etag())),
        0, Versioning.UNVERSIONED, WriteCondition.NONE)));
    assertThat(done.partsCount()).isEqualTo(2);
    assertThat(done.checksum().orElseThrow().value()).endsWith("-2");
    assertThat(read(again, ObjectRef.latest("b", "m"))).isEqualTo("aaaabb");
    assertThat(read(again, new ObjectRef("b", "m", "", 2))).isEqualTo("bb");

    RangePartition third = load();
    assertThat(read(third, ObjectRef.latest("b", "m"))).isEqualTo("aaaabb");
    reclaimed.clear();
    await(third.deleteObject(DeleteObjectRequest.of("b", "m")));
    assertThat(reclaimed).containsExactly(StreamId.of("p0.mpu." + kept.uploadId()));
  }
}

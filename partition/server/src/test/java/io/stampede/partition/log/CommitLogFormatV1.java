package io.stampede.partition.log;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.checksum.ChecksumType;
import io.stampede.common.checksum.StoredChecksum;
import io.stampede.common.id.ExtentId;
import io.stampede.common.id.PartitionId;
import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.UploadInfo;
import io.stampede.stream.api.ExtentPointer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Commit-log records of every kind, each with the bytes format version 1 wrote for it (captured
 * from the build that still kept these messages in partition.proto, before storage.proto).
 * Never change a value or its bytes: they stand for records already on disk.
 */
final class CommitLogFormatV1 {
  /** The writer's owner epoch every record below was written with. */
  static final long EPOCH = 4;

  static final ExtentPointer P1 = new ExtentPointer(ExtentId.of("p3.blob-e7"), 0, 3);
  static final ExtentPointer P2 = new ExtentPointer(ExtentId.of("p3.blob-e7"), 3, 1_048_576);

  static final ObjectInfo INFO = new ObjectInfo("b", "photos/2024/é.jpg", 1_048_579,
      "5d41402abc4b2a76b9719d911017c592", 1_700_000_000_123L, "image/jpeg",
      Map.of("Cache-Control", "no-cache", "Content-Language", "en"),
      Map.of("color", "red", "owner", "ann"), "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY", false,
      Optional.of(StoredChecksum.fullObject(ChecksumAlgorithm.CRC64NVME, new byte[] {1, 2, 3, 4, 5, 6, 7, 8})),
      Map.of("project", "x", "stage", "raw"), 0, true);

  static final ObjectInfo MARKER = ObjectInfo.deleteMarker("b", "gone.txt", "Ve3zqQdk0Uo.1", 1_700_000_000_456L);

  static final UploadInfo UPLOAD = new UploadInfo("b", "big.bin", "u-1", 1_700_000_000_000L,
      Optional.of(ChecksumAlgorithm.CRC32C), ChecksumType.COMPOSITE);

  static final ObjectInfo TEMPLATE = new ObjectInfo("b", "big.bin", 0, "", 0, "application/octet-stream",
      Map.of("Content-Disposition", "attachment"), Map.of("origin", "camera"), ObjectInfo.NULL_VERSION, false,
      Optional.empty(), Map.of("kind", "video"), 0, false);

  static final ObjectInfo COMPLETED = new ObjectInfo("b", "big.bin", 5_242_881, "0c78aef83f66abc1fa1e8477f296d394-2",
      1_700_000_001_000L, "application/octet-stream", Map.of("Content-Disposition", "attachment"),
      Map.of("origin", "camera"), "Yb1QbCx9K7oA", false,
      Optional.of(StoredChecksum.composite(ChecksumAlgorithm.CRC32C, new byte[] {9, 8, 7, 6}, 2)),
      Map.of("kind", "video"), 2, true);

  static final CommitLogRecord PUT = new CommitLogRecord.Put(INFO, List.of(P1, P2));
  static final CommitLogRecord PUT_MARKER = new CommitLogRecord.Put(MARKER, List.of());
  static final CommitLogRecord TOMBSTONE = new CommitLogRecord.Delete("b", "old.txt", 1_700_000_000_789L, "v2");
  static final CommitLogRecord TAGS_SET = new CommitLogRecord.TagsSet("b", "photos/2024/é.jpg",
      "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY", Map.of("project", "y", "reviewed", "true"));
  static final CommitLogRecord UPLOAD_CREATED = new CommitLogRecord.UploadCreated(UPLOAD, TEMPLATE, "p3.mpu.u-1");
  static final CommitLogRecord PART_PUT = new CommitLogRecord.PartPut("b", "big.bin", "u-1",
      new ObjectPart(2, 5_242_880, "8a3c1b8e0d4f2a6b7c9d0e1f2a3b4c5d", 1_700_000_000_500L, "AAECAw=="),
      List.of(new ExtentPointer(ExtentId.of("p3.mpu.u-1-e0"), 1_024, 5_242_880)));
  static final CommitLogRecord UPLOAD_COMPLETED = new CommitLogRecord.UploadCompleted("b", "big.bin", "u-1",
      COMPLETED, List.of(1, 2));
  static final CommitLogRecord UPLOAD_ABORTED = new CommitLogRecord.UploadAborted("b", "big.bin", "u-2");
  static final CommitLogRecord GENESIS = new CommitLogRecord.Genesis(
      KeyRange.of(IndexKey.of("b", "f"), IndexKey.of("b", "t")), List.of(PartitionId.of("p1"), PartitionId.of("p2")));

  /** Every record above, in this order, with its version 1 bytes below. */
  static final List<CommitLogRecord> RECORDS = List.of(PUT, PUT_MARKER, TOMBSTONE, TAGS_SET, UPLOAD_CREATED, PART_PUT,
      UPLOAD_COMPLETED, UPLOAD_ABORTED, GENESIS);

  /** The bytes of {@link #RECORDS}, in order, as format version 1 wrote them (epoch {@link #EPOCH}). */
  static final List<String> HEX = List.of(
      // PUT
      "0801121270686f746f732f323032342fc3a92e6a70671a016222af020a88020a0162121270686f746f732f323032342fc3a9"
          + "2e6a7067188380402220356434313430326162633462326137366239373139643931313031376335393228fbd095ffbc3132"
          + "0a696d6167652f6a7065673a160a10436f6e74656e742d4c616e67756167651202656e3a190a0d43616368652d436f6e7472"
          + "6f6c12086e6f2d6361636865420c0a056f776e65721203616e6e420c0a05636f6c6f7212037265644a2133484c346b71744a"
          + "6c637058726f4454446d4a2b726d53705864336449627248595a260a0943524336344e564d45120b46554c4c5f4f424a4543"
          + "541a0c41514944424155474277673d620c0a0770726f6a656374120178620c0a05737461676512037261777001120e0a0a70"
          + "332e626c6f622d6537180312120a0a70332e626c6f622d65371003188080406004",
      // PUT_MARKER
      "08011208676f6e652e7478741a016222290a270a01621208676f6e652e74787428c8d395ffbc314a0d5665337a7151646b30"
          + "556f2e31500170016004",
      // TOMBSTONE
      "080112076f6c642e7478741a01622a0b0895d695ffbc31120276326004",
      // TAGS_SET
      "0801121270686f746f732f323032342fc3a92e6a70671a016232430a2133484c346b71744a6c637058726f4454446d4a2b72"
          + "6d5370586433644962724859120c0a0770726f6a65637412017912100a0872657669657765641204747275656004",
      // UPLOAD_CREATED
      "080112076269672e62696e1a01623aab010a2b0a016212076269672e62696e1a03752d312080d095ffbc312a064352433332"
          + "433209434f4d504f5349544512700a016212076269672e62696e32186170706c69636174696f6e2f6f637465742d73747265"
          + "616d3a210a13436f6e74656e742d446973706f736974696f6e120a6174746163686d656e7442100a066f726967696e120663"
          + "616d6572614a046e756c6c620d0a046b696e641205766964656f1a0a70332e6d70752e752d316004",
      // PART_PUT
      "080112076269672e62696e1a0162425a0a03752d31123a0802108080c0021a20386133633162386530643466326136623763"
          + "396430653166326133623463356420f4d395ffbc312a084141454341773d3d1a170a0d70332e6d70752e752d312d65301080"
          + "08188080c0026004",
      // UPLOAD_COMPLETED
      "080112076269672e62696e1a01624ad9010a03752d3112cd010a016212076269672e62696e188180c0022222306337386165"
          + "66383366363661626331666131653834373766323936643339342d3228e8d795ffbc3132186170706c69636174696f6e2f6f"
          + "637465742d73747265616d3a210a13436f6e74656e742d446973706f736974696f6e120a6174746163686d656e7442100a06"
          + "6f726967696e120663616d6572614a0c59623151624378394b376f415a1f0a064352433332431209434f4d504f534954451a"
          + "0a4351674842673d3d2d32620d0a046b696e641205766964656f680270011a0201026004",
      // UPLOAD_ABORTED
      "080112076269672e62696e1a016252050a03752d326004",
      // GENESIS
      "08015a120a03622f661203622f741a0270311a0270326004");

  private CommitLogFormatV1() {}
}

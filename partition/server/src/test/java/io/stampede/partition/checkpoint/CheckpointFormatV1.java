package io.stampede.partition.checkpoint;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.checksum.ChecksumType;
import io.stampede.common.checksum.StoredChecksum;
import io.stampede.common.id.ExtentId;
import io.stampede.common.key.IndexKey;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.index.IndexSnapshot;
import io.stampede.partition.index.ObjectVersion;
import io.stampede.partition.index.StoredPart;
import io.stampede.partition.index.StoredUpload;
import io.stampede.stream.api.ExtentPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A checkpoint holding every kind of entry (versions, a delete marker, a multipart version and
 * an upload both continued over several entries and blocks, an upload without parts) with the bytes format version 1
 * wrote for its data blocks and its descriptor (captured from the build that still kept these
 * messages in partition.proto, before storage.proto). Never change a value or its bytes: they
 * stand for checkpoints already on disk.
 */
final class CheckpointFormatV1 {
  /** The block size the data blocks below were cut to. */
  static final int BLOCK_BYTES = 1_000;

  static ExtentPointer ptr(String extent, long offset, int length) {
    return new ExtentPointer(ExtentId.of(extent), offset, length);
  }

  static final String KEY_A = IndexKey.of("b", "a/é.txt");
  static final String KEY_BIG = IndexKey.of("b", "big.bin");
  static final String KEY_Z = IndexKey.of("b", "z");

  static final ObjectInfo MARKER = ObjectInfo.deleteMarker("b", "a/é.txt", "v3", 1_700_000_000_300L).withLatest(false);
  static final ObjectInfo A_V2 = new ObjectInfo("b", "a/é.txt", 11, "etag-a2", 1_700_000_000_200L, "text/plain",
      Map.of("Cache-Control", "no"), Map.of("color", "red"), "v2", false,
      Optional.of(StoredChecksum.fullObject(ChecksumAlgorithm.CRC32C, new byte[] {1, 2, 3, 4})),
      Map.of("t", "v"), 0, false);
  static final ObjectInfo BIG = new ObjectInfo("b", "big.bin", 3_000, "etag-big-3", 1_700_000_000_100L,
      "application/octet-stream", Map.of(), Map.of(), ObjectInfo.NULL_VERSION, false,
      Optional.of(StoredChecksum.composite(ChecksumAlgorithm.CRC32, new byte[] {5, 6, 7, 8}, 3)), Map.of(), 3, false);
  static final UploadInfo UPLOAD = new UploadInfo("b", "z", "u-1", 1_700_000_000_400L,
      Optional.of(ChecksumAlgorithm.SHA256), ChecksumType.COMPOSITE);
  static final UploadInfo UPLOAD_Z = new UploadInfo("b", "z", "u-2", 1_700_000_000_500L, Optional.empty(),
      ChecksumType.FULL_OBJECT);
  static final ObjectInfo TEMPLATE = new ObjectInfo("b", "z", 0, "", 0, "video/mp4", Map.of(),
      Map.of("origin", "camera"), ObjectInfo.NULL_VERSION, false, Optional.empty(), Map.of("kind", "video"), 0, false);
  static final ObjectInfo TEMPLATE_Z = new ObjectInfo("b", "z", 0, "", 0, "", Map.of(), Map.of(),
      ObjectInfo.NULL_VERSION, false, Optional.empty(), Map.of(), 0, false);

  /** The checkpointed index: three keys. */
  static IndexSnapshot snapshot() {
    NavigableMap<String, List<ObjectVersion>> versions = new TreeMap<>(IndexKey::compare);
    versions.put(KEY_A, List.of(new ObjectVersion(MARKER, List.of(), List.of(), ""),
        new ObjectVersion(A_V2, List.of(ptr("p1.blob-e0", 0, 11)), List.of(), "")));
    List<ExtentPointer> bigBlob = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      bigBlob.add(ptr("p1.mpu.u-0-e" + (i / 4), (i % 4) * 75L, 75));
    }
    List<ObjectPart> bigParts = List.of(new ObjectPart(1, 1_000, "etag-part-1", 1_700_000_000_010L, ""),
        new ObjectPart(2, 1_000, "etag-part-2", 1_700_000_000_020L, ""),
        new ObjectPart(3, 1_000, "etag-part-3", 1_700_000_000_030L, ""));
    versions.put(KEY_BIG, List.of(new ObjectVersion(BIG, bigBlob, bigParts, "p1.mpu.u-0")));
    NavigableMap<String, List<StoredUpload>> uploads = new TreeMap<>(IndexKey::compare);
    List<StoredPart> parts = new ArrayList<>();
    for (int n = 1; n <= 10; n++) {
      parts.add(new StoredPart(new ObjectPart(n, 100L * n, "etag-u1-" + n, 1_700_000_000_400L + n,
          "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg="),
          List.of(ptr("p1.mpu.u-1-e0", 1_000L * n, 100 * n), ptr("p1.mpu.u-1-e1", 0, 1))));
    }
    uploads.put(KEY_Z, List.of(new StoredUpload(UPLOAD, TEMPLATE, "p1.mpu.u-1", parts),
        new StoredUpload(UPLOAD_Z, TEMPLATE_Z, "p1.mpu.u-2", List.of())));
    return new IndexSnapshot(versions, uploads, Optional.of(ptr("p1.log-e2", 4_096, 310)), 17,
        List.of("p1.mpu.u-9"));
  }

  /** The descriptor of that checkpoint, its data blocks at these pointers. */
  static CheckpointDescriptor descriptor(int dataBlocks) {
    List<ExtentPointer> blocks = new ArrayList<>();
    for (int i = 0; i < dataBlocks; i++) {
      blocks.add(ptr("p1.ckpt-e0", i * 1_000L, 1_000));
    }
    return new CheckpointDescriptor(blocks, Optional.of(ptr("p1.log-e2", 4_096, 310)), 17, 3,
        List.of("p1.mpu.u-9"), 1_700_000_100_000L);
  }

  /** The descriptor of a checkpoint of an empty index that includes no record. */
  static final CheckpointDescriptor EMPTY_DESCRIPTOR = new CheckpointDescriptor(List.of(), Optional.empty(), 0, 0,
      List.of(), 1_700_000_000_000L);

  /** The data blocks of {@link #snapshot()} cut to {@link #BLOCK_BYTES}, as format version 1 wrote them. */
  static final List<String> BLOCKS_HEX = List.of(
      "080112ba010a0a622f612fc3a92e747874121c121a0a01621208612fc3a92e74787428acd295ffbc314a0276335001128d01"
          + "127b0a01621208612fc3a92e747874180b2207657461672d613228c8d195ffbc31320a746578742f706c61696e3a130a0d43"
          + "616368652d436f6e74726f6c12026e6f420c0a05636f6c6f7212037265644a0276325a1f0a06435243333243120b46554c4c"
          + "5f4f424a4543541a084151494442413d3d62060a01741201761a0e0a0a70312e626c6f622d6530180b12e2040a09622f6269"
          + "672e62696e12d40412640a016212076269672e62696e18b817220a657461672d6269672d3328e4d095ffbc3132186170706c"
          + "69636174696f6e2f6f637465742d73747265616d4a046e756c6c5a1e0a0543524333321209434f4d504f534954451a0a4251"
          + "594843413d3d2d3368031a110a0d70312e6d70752e752d302d6530184b1a130a0d70312e6d70752e752d302d6530104b184b"
          + "1a140a0d70312e6d70752e752d302d6530109601184b1a140a0d70312e6d70752e752d302d653010e101184b1a110a0d7031"
          + "2e6d70752e752d302d6531184b1a130a0d70312e6d70752e752d302d6531104b184b1a140a0d70312e6d70752e752d302d65"
          + "31109601184b1a140a0d70312e6d70752e752d302d653110e101184b1a110a0d70312e6d70752e752d302d6532184b1a130a"
          + "0d70312e6d70752e752d302d6532104b184b1a140a0d70312e6d70752e752d302d6532109601184b1a140a0d70312e6d7075"
          + "2e752d302d653210e101184b1a110a0d70312e6d70752e752d302d6533184b1a130a0d70312e6d70752e752d302d6533104b"
          + "184b1a140a0d70312e6d70752e752d302d6533109601184b1a140a0d70312e6d70752e752d302d653310e101184b1a110a0d"
          + "70312e6d70752e752d302d6534184b1a130a0d70312e6d70752e752d302d6534104b184b1a140a0d70312e6d70752e752d30"
          + "2d6534109601184b1a140a0d70312e6d70752e752d302d653410e101184b1a110a0d70312e6d70752e752d302d6535184b1a"
          + "130a0d70312e6d70752e752d302d6535104b184b1a140a0d70312e6d70752e752d302d6535109601184b2a0a70312e6d7075"
          + "2e752d30",
      "080112c7030a09622f6269672e62696e12b90308011a140a0d70312e6d70752e752d302d653510e101184b1a110a0d70312e"
          + "6d70752e752d302d6536184b1a130a0d70312e6d70752e752d302d6536104b184b1a140a0d70312e6d70752e752d302d6536"
          + "109601184b1a140a0d70312e6d70752e752d302d653610e101184b1a110a0d70312e6d70752e752d302d6537184b1a130a0d"
          + "70312e6d70752e752d302d6537104b184b1a140a0d70312e6d70752e752d302d6537109601184b1a140a0d70312e6d70752e"
          + "752d302d653710e101184b1a110a0d70312e6d70752e752d302d6538184b1a130a0d70312e6d70752e752d302d6538104b18"
          + "4b1a140a0d70312e6d70752e752d302d6538109601184b1a140a0d70312e6d70752e752d302d653810e101184b1a110a0d70"
          + "312e6d70752e752d302d6539184b1a130a0d70312e6d70752e752d302d6539104b184b1a140a0d70312e6d70752e752d302d"
          + "6539109601184b1a140a0d70312e6d70752e752d302d653910e101184b2219080110e8071a0b657461672d706172742d3120"
          + "8ad095ffbc312219080210e8071a0b657461672d706172742d322094d095ffbc312219080310e8071a0b657461672d706172"
          + "742d33209ed095ffbc3112050a03622f7a",
      "080112a5060a03622f7a1a9d0612250a016212017a1a03752d312090d395ffbc312a065348413235363209434f4d504f5349"
          + "54451a380a016212017a3209766964656f2f6d703442100a066f726967696e120663616d6572614a046e756c6c620d0a046b"
          + "696e641205766964656f220a70312e6d70752e752d312a6f0a44080110641a09657461672d75312d312091d395ffbc312a2c"
          + "6e3462516759684d665757614c2b71677856725146614f2f547873724334497330563173466244774367673d12140a0d7031"
          + "2e6d70752e752d312d653010e807186412110a0d70312e6d70752e752d312d653118012a710a45080210c8011a0965746167"
          + "2d75312d322092d395ffbc312a2c6e3462516759684d665757614c2b71677856725146614f2f547873724334497330563173"
          + "466244774367673d12150a0d70312e6d70752e752d312d653010d00f18c80112110a0d70312e6d70752e752d312d65311801"
          + "2a710a45080310ac021a09657461672d75312d332093d395ffbc312a2c6e3462516759684d665757614c2b71677856725146"
          + "614f2f547873724334497330563173466244774367673d12150a0d70312e6d70752e752d312d653010b81718ac0212110a0d"
          + "70312e6d70752e752d312d653118012a710a4508041090031a09657461672d75312d342094d395ffbc312a2c6e3462516759"
          + "684d665757614c2b71677856725146614f2f547873724334497330563173466244774367673d12150a0d70312e6d70752e75"
          + "2d312d653010a01f18900312110a0d70312e6d70752e752d312d653118012a710a45080510f4031a09657461672d75312d35"
          + "2095d395ffbc312a2c6e3462516759684d665757614c2b71677856725146614f2f5478737243344973305631734662447743"
          + "67673d12150a0d70312e6d70752e752d312d653010882718f40312110a0d70312e6d70752e752d312d653118012a710a4508"
          + "0610d8041a09657461672d75312d362096d395ffbc312a2c6e3462516759684d665757614c2b71677856725146614f2f5478"
          + "73724334497330563173466244774367673d12150a0d70312e6d70752e752d312d653010f02e18d80412110a0d70312e6d70"
          + "752e752d312d65311801",
      "08011294040a03622f7a1acf0308012a710a45080710bc051a09657461672d75312d372097d395ffbc312a2c6e3462516759"
          + "684d665757614c2b71677856725146614f2f547873724334497330563173466244774367673d12150a0d70312e6d70752e75"
          + "2d312d653010d83618bc0512110a0d70312e6d70752e752d312d653118012a710a45080810a0061a09657461672d75312d38"
          + "2098d395ffbc312a2c6e3462516759684d665757614c2b71677856725146614f2f5478737243344973305631734662447743"
          + "67673d12150a0d70312e6d70752e752d312d653010c03e18a00612110a0d70312e6d70752e752d312d653118012a710a4508"
          + "091084071a09657461672d75312d392099d395ffbc312a2c6e3462516759684d665757614c2b71677856725146614f2f5478"
          + "73724334497330563173466244774367673d12150a0d70312e6d70752e752d312d653010a84618840712110a0d70312e6d70"
          + "752e752d312d653118012a720a46080a10e8071a0a657461672d75312d3130209ad395ffbc312a2c6e3462516759684d6657"
          + "57614c2b71677856725146614f2f547873724334497330563173466244774367673d12150a0d70312e6d70752e752d312d65"
          + "3010904e18e80712110a0d70312e6d70752e752d312d653118011a3b121f0a016212017a1a03752d3220f4d395ffbc31320b"
          + "46554c4c5f4f424a4543541a0c0a016212017a4a046e756c6c220a70312e6d70752e752d32");

  /** {@link #descriptor} of {@link #BLOCKS_HEX}, as format version 1 wrote it. */
  static final String DESCRIPTOR_HEX =
      "0801120f0a0a70312e636b70742d653018e80712120a0a70312e636b70742d653010e80718e80712120a0a70312e636b7074"
      + "2d653010d00f18e80712120a0a70312e636b70742d653010b81718e8071a110a0970312e6c6f672d653210802018b6022011"
      + "2803320a70312e6d70752e752d3938a0dd9bffbc31";

  /** {@link #EMPTY_DESCRIPTOR}, as format version 1 wrote it. */
  static final String EMPTY_DESCRIPTOR_HEX = "08013880d095ffbc31";

  private CheckpointFormatV1() {}
}

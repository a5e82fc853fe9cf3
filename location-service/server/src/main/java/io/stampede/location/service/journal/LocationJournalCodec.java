package io.stampede.location.service.journal;

import static io.stampede.location.service.journal.StoredBuckets.fromStored;
import static io.stampede.location.service.journal.StoredBuckets.toStored;

import com.google.protobuf.InvalidProtocolBufferException;
import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.proto.storage.location.LocationJournalRecordMsg;
import io.stampede.proto.storage.location.StoredStampMsg;
import java.time.DateTimeException;
import java.util.Optional;

/**
 * The location journal record format. Each record is the payload of one record of the service's
 * {@link io.stampede.common.journal.Journal} {@code buckets.journal} (the journal frames,
 * checksums and fsyncs it), holding one protobuf {@code LocationJournalRecordMsg} of
 * location_storage.proto, which embeds no RPC message ({@link StoredBuckets} maps the values):
 *
 * <pre>
 *   change, one of:
 *     bucket_created = 1     StoredBucketMsg {bucket, stamp_id, owner, created_ms, region, settings, id}
 *     bucket_deleted = 2     the bucket name
 *     stamp_registered = 3   StoredStampMsg {stamp_id, endpoint "host:port"}
 *     bucket_updated = 4     StoredBucketMsg: the whole record after a settings change
 *   format_version = 15      uint32; this build writes 1. Absent (read 0) in records written
 *                            before the field existed, which are version 1 as well
 *   settings                 StoredBucketSettingsMsg {versioning, tags[], cors, lifecycle}; absent
 *                            in records written before settings existed: none
 *   id                       "" in records written before bucket ids existed
 * </pre>
 *
 * Replay applies records in journal order. Version 1 is the first version; fields and kinds may
 * only be added, so a record of no kind this build knows (a later one) is skipped and a build
 * before the format_version field reads this build's records. A reader refuses a version above
 * the one it knows. Version 1 records were first written from {@code LocationJournalRecord} of
 * location.proto (with BucketLocationMsg, StampMsg and the bucket settings messages) with the
 * same field numbers and types, so they read the same; LocationJournalCodecTest keeps a journal
 * as it was written then.
 */
public final class LocationJournalCodec {
  public static final int FORMAT_VERSION = 1;

  private LocationJournalCodec() {}

  /** The journal payload of {@code change}. */
  public static byte[] encode(JournalChange change) {
    return toMsg(change).toByteArray();
  }

  static LocationJournalRecordMsg toMsg(JournalChange change) {
    LocationJournalRecordMsg.Builder b = LocationJournalRecordMsg.newBuilder().setFormatVersion(FORMAT_VERSION);
    if (change instanceof JournalChange.StampRegistered s) {
      b.setStampRegistered(StoredStampMsg.newBuilder()
          .setStampId(s.stamp().value()).setEndpoint(s.endpoint().toString()));
    } else if (change instanceof JournalChange.BucketCreated c) {
      b.setBucketCreated(toStored(c.bucket()));
    } else if (change instanceof JournalChange.BucketUpdated u) {
      b.setBucketUpdated(toStored(u.bucket()));
    } else {
      b.setBucketDeleted(((JournalChange.BucketDeleted) change).bucket());
    }
    return b.build();
  }

  /**
   * The change a journal payload records, or empty for a kind of change this build does not know.
   *
   * @throws IllegalArgumentException on a corrupt record or a format version above {@link #FORMAT_VERSION}
   */
  public static Optional<JournalChange> decode(byte[] payload) {
    LocationJournalRecordMsg m;
    try {
      m = LocationJournalRecordMsg.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("corrupt location journal record", e);
    }
    if (m.getFormatVersion() > FORMAT_VERSION) {
      throw new IllegalArgumentException("location journal record format " + m.getFormatVersion()
          + " unknown (this build reads up to " + FORMAT_VERSION + ")");
    }
    try {
      return change(m);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("corrupt location journal record", e);
    }
  }

  private static Optional<JournalChange> change(LocationJournalRecordMsg m) {
    return switch (m.getChangeCase()) {
      case BUCKET_CREATED -> Optional.of(new JournalChange.BucketCreated(fromStored(m.getBucketCreated())));
      case BUCKET_UPDATED -> Optional.of(new JournalChange.BucketUpdated(fromStored(m.getBucketUpdated())));
      case BUCKET_DELETED -> Optional.of(new JournalChange.BucketDeleted(m.getBucketDeleted()));
      case STAMP_REGISTERED -> Optional.of(new JournalChange.StampRegistered(
          StampId.of(m.getStampRegistered().getStampId()), Endpoint.parse(m.getStampRegistered().getEndpoint())));
      case CHANGE_NOT_SET -> Optional.empty();
    };
  }
}
